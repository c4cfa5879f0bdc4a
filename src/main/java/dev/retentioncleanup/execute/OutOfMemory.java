package dev.retentioncleanup.execute;

/**
 * pgjdbc reports an out-of-memory while it sends or reads as an SQLException (08006, "An I/O error occurred"):
 * it is still out of memory, and must end the process as one (exit 1, and the line saying so), not as a failed
 * statement.
 */
final class OutOfMemory {
    private OutOfMemory() {
    }

    static void rethrowIfCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError outOfMemory) {
                throw outOfMemory;
            }
        }
    }
}
