package dev.retentioncleanup.execute;

import java.time.Duration;

/**
 * When a run stops on its own and how hard it may push.
 *
 * @param maxRows               stop after this many target rows (null: no limit)
 * @param maxRuntime            stop starting batches after this long (null: no limit)
 * @param sleep                 pause between batches
 * @param maxRowsPerTransaction hard bound on rows deleted by one transaction
 */
public record Limits(Long maxRows, Duration maxRuntime, Duration sleep, long maxRowsPerTransaction) {
    public Limits {
        if (maxRowsPerTransaction < 1) {
            throw new IllegalArgumentException("maxRowsPerTransaction must be >= 1");
        }
    }
}
