package dev.retentioncleanup.execute;

import java.time.Duration;

/**
 * Chooses how many target rows the next batch takes. Fixed, or adaptive: after each full batch it
 * scales toward the target batch time (at most halving or doubling per step, so one slow batch caused
 * by a checkpoint does not swing it wildly) and halves after a statement or lock timeout. Pure.
 */
public final class BatchSizer {
    private final boolean adaptive;
    private final int min;
    private final int max;
    private final Duration target;
    private int current;

    private BatchSizer(boolean adaptive, int initial, int min, int max, Duration target) {
        this.adaptive = adaptive;
        this.min = min;
        this.max = max;
        this.target = target;
        this.current = clamp(initial);
    }

    public static BatchSizer fixed(int size) {
        return new BatchSizer(false, size, size, size, Duration.ZERO);
    }

    public static BatchSizer adaptive(int min, int max, Duration target) {
        return new BatchSizer(true, Math.min(Math.max(1000, min), max), min, max, target);
    }

    public int current() {
        return current;
    }

    /** @param full whether the batch got as many rows as it asked for; a short last batch says nothing about speed */
    public void recordBatch(boolean full, Duration took) {
        if (!adaptive || !full) {
            return;
        }
        double factor = (double) Math.max(target.toNanos(), 1) / Math.max(took.toNanos(), 1);
        factor = Math.max(0.5, Math.min(2.0, factor));
        current = clamp((int) Math.round(current * factor));
    }

    /**
     * Keeps a whole batch — its targets and everything hanging off them — inside one transaction: at most 80 % of
     * {@code maxRowsPerTransaction} at the rows per target seen so far. Larger batches would be split into
     * committed drain steps, which cost extra statements; the split stays the hard bound when fan-out jumps.
     */
    public void fitTransaction(double rowsPerTarget, long maxRowsPerTransaction) {
        if (!adaptive || !(rowsPerTarget > 0)) {
            return;
        }
        long fits = (long) Math.floor(maxRowsPerTransaction * 0.8 / rowsPerTarget);
        current = clamp((int) Math.min(current, Math.max(fits, 1)));
    }

    /** A statement or lock timeout: the batch was too large for the server right now. */
    public void recordTimeout() {
        if (adaptive) {
            current = clamp(current / 2);
        }
    }

    private int clamp(int size) {
        return Math.max(min, Math.min(max, Math.max(size, 1)));
    }
}
