package dev.retentioncleanup.archive;

/**
 * Something verify-archive found wrong or in doubt.
 *
 * @param path the key relative to the run's directory; null when the problem is the run itself
 */
public record ArchiveProblem(String runId, String path, Kind kind, String message) {
    /** Explains a file or run that no committed batch vouches for. */
    static final String IN_DOUBT = "in doubt: written by a batch that did not commit, or not yet reconciled;"
            + " the next run reconciles it";

    public enum Kind {
        MISSING_FILE("missing file"),
        CHECKSUM_MISMATCH("checksum mismatch"),
        ROW_COUNT_MISMATCH("row count mismatch"),
        TRUNCATED_GZIP("truncated or corrupt gzip"),
        UNCOMMITTED_LEFTOVER("uncommitted leftover"),
        NO_MANIFEST("no manifest"),
        BAD_MANIFEST("bad manifest"),
        UNKNOWN_RUN("unknown run");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** {@code <run>/<path>: <kind in words>: <message>}, as verify-archive prints it. */
    @Override
    public String toString() {
        return runId + (path == null ? "" : "/" + path) + ": " + kind.words() + ": " + message;
    }
}
