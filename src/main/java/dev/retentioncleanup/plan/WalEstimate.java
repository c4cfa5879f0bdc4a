package dev.retentioncleanup.plan;

/**
 * Estimates the WAL a delete writes, from catalog statistics. Per deleted row PostgreSQL logs a heap
 * delete record (about 54 bytes); indexes are not touched until VACUUM. On top, the first change to a
 * page after a checkpoint logs the whole page: with rows deleted oldest first, those pages are about
 * {@code rows × heap bytes per row}. It is an estimate, labelled as such wherever it is shown. Pure.
 */
public final class WalEstimate {
    static final long DELETE_RECORD_BYTES = 54;

    private WalEstimate() {
    }

    /**
     * @param rows          rows the delete removes
     * @param heapBytes     the table's heap + TOAST size
     * @param estimatedRows the table's row estimate ({@code reltuples}); unknown when negative
     */
    public static long forTable(long rows, long heapBytes, long estimatedRows) {
        if (rows <= 0) {
            return 0;
        }
        double bytesPerRow = estimatedRows > 0 ? (double) heapBytes / estimatedRows : 0;
        return Math.round(rows * (DELETE_RECORD_BYTES + bytesPerRow));
    }
}
