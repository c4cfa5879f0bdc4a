package dev.retentioncleanup.guard;

/**
 * The WAL the server wrote between two positions (bytes from 0/0): what a reading reused for
 * {@code --guard-interval} has not seen yet.
 */
public record WalWritten(long fromPosition, long toPosition) {
    public long bytes() {
        return Math.max(0, toPosition - fromPosition);
    }

    /** WAL segments filled up (and so handed to the archiver) on the way: the boundaries crossed. */
    public long segmentsCompleted(long segmentBytes) {
        return Math.max(0, Math.floorDiv(toPosition, segmentBytes) - Math.floorDiv(fromPosition, segmentBytes));
    }
}
