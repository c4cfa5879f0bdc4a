package dev.retentioncleanup.db;

import dev.retentioncleanup.retry.Backoff;
import dev.retentioncleanup.retry.RetryLoop;
import dev.retentioncleanup.retry.Sleeper;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs database work again after transient errors ({@link TransientErrors}), by the one {@link RetryLoop}; anything
 * else is rethrown at once. Each attempt must take its own connection from the pool, so a broken connection (which
 * Hikari evicts on class 08 / 57P0x) is replaced on the next try.
 */
public final class Retry {
    public static final Duration DEFAULT_BASE = Duration.ofMillis(200);
    public static final Duration DEFAULT_CAP = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(Retry.class);

    private final RetryLoop loop;

    /** @param jitter values in [0, 1); the delay before retry n is uniform in [d/2, d), d = min(cap, base·2^(n-1)) */
    public Retry(int maxRetries, Duration base, Duration cap, Sleeper sleeper, DoubleSupplier jitter) {
        this.loop = new RetryLoop(maxRetries, new Backoff(base, cap, jitter), sleeper, System::nanoTime);
    }

    public static Retry withBackoff(int maxRetries) {
        return new Retry(maxRetries, DEFAULT_BASE, DEFAULT_CAP, Sleeper.SYSTEM,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    public int maxRetries() {
        return loop.maxRetries();
    }

    /**
     * @param what short description for the log line, e.g. "batch 17 of public.outgoing_emails"
     * @param work may run more than once; it must get its own connection
     * @throws SQLException the last error once retries are used up, or the first non-transient one
     */
    public <T> T run(String what, RetryLoop.Attempt<T, SQLException> work) throws SQLException {
        return loop.run(SQLException.class, work, new RetryLoop.Policy<>() {
            @Override
            public boolean retryable(SQLException e) {
                return TransientErrors.isTransient(e);
            }

            @Override
            public void retrying(SQLException e, int retry, int of, Duration delay) {
                log.warn("{} failed with SQLState {} ({}); retry {}/{} in {} ms", what,
                        TransientErrors.transientState(e).orElse("?"), ConnectFailures.firstLine(e.getMessage()),
                        retry, of, delay.toMillis());
            }
        });
    }
}
