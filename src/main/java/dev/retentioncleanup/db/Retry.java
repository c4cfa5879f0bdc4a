package dev.retentioncleanup.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Runs {@link SqlWork} again after transient errors, with exponential backoff and jitter; anything
 * else is rethrown at once. Each attempt must take its own connection from the pool, so a broken
 * connection (which Hikari evicts on class 08 / 57P0x) is replaced on the next try.
 */
public final class Retry {
    public static final Duration DEFAULT_BASE = Duration.ofMillis(200);
    public static final Duration DEFAULT_CAP = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(Retry.class);

    private final int maxRetries;
    private final Duration base;
    private final Duration cap;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;

    /** @param jitter values in [0, 1); the delay before retry n is uniform in [d/2, d), d = min(cap, base·2^(n-1)) */
    public Retry(int maxRetries, Duration base, Duration cap, Sleeper sleeper, DoubleSupplier jitter) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, got " + maxRetries);
        }
        this.maxRetries = maxRetries;
        this.base = base;
        this.cap = cap;
        this.sleeper = sleeper;
        this.jitter = jitter;
    }

    public static Retry withBackoff(int maxRetries) {
        return new Retry(maxRetries, DEFAULT_BASE, DEFAULT_CAP, Sleeper.SYSTEM, () -> ThreadLocalRandom.current().nextDouble());
    }

    public int maxRetries() {
        return maxRetries;
    }

    /**
     * @param what short description for the log line, e.g. "batch 17 of public.outgoing_emails"
     * @throws SQLException the last error once retries are used up, or the first non-transient one
     */
    public <T> T run(String what, SqlWork<T> work) throws SQLException {
        for (int retry = 1; ; retry++) {
            try {
                return work.run();
            } catch (SQLException e) {
                Optional<String> state = TransientErrors.transientState(e);
                if (state.isEmpty() || retry > maxRetries) {
                    throw e;
                }
                Duration delay = delayBeforeRetry(retry);
                log.warn("{} failed with SQLState {} ({}); retry {}/{} in {} ms", what, state.get(),
                        ConnectFailures.firstLine(e.getMessage()), retry, maxRetries, delay.toMillis());
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException interrupted) {
                    // Shutting down: stop retrying and surface the real error.
                    Thread.currentThread().interrupt();
                    e.addSuppressed(interrupted);
                    throw e;
                }
            }
        }
    }

    Duration delayBeforeRetry(int retry) {
        long ceiling = cap.toMillis();
        long exp = base.toMillis();
        for (int i = 1; i < retry && exp < ceiling; i++) {
            exp *= 2;
        }
        long d = Math.min(exp, ceiling);
        // "Equal jitter": never less than half the step, so a restarting server gets real breathing room.
        return Duration.ofMillis(d / 2 + (long) (jitter.getAsDouble() * (d - d / 2)));
    }
}
