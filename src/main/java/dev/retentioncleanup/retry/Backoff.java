package dev.retentioncleanup.retry;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before each retry: exponential from {@code base}, capped, with "equal jitter" (uniform in
 * [d/2, d) for d = min(cap, base·2^(n-1))), so that a restarting server or a flooded monitor gets real breathing room
 * and retries do not march in step. Pure.
 *
 * @param jitter values in [0, 1); 1 always (no jitter) gives d itself
 */
public record Backoff(Duration base, Duration cap, DoubleSupplier jitter) {
    /** The wait before retry {@code retry} (1 for the first). */
    public Duration before(int retry) {
        long ceiling = cap.toMillis();
        long step = base.toMillis();
        for (int i = 1; i < retry && step < ceiling; i++) {
            step *= 2;
        }
        long d = Math.min(step, ceiling);
        return Duration.ofMillis(d / 2 + (long) (jitter.getAsDouble() * (d - d / 2)));
    }
}
