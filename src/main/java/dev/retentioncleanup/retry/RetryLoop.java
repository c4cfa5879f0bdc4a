package dev.retentioncleanup.retry;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The one retry loop, for database work and HTTP deliveries alike: runs an attempt until it succeeds, fails in a way
 * not worth retrying, uses up its retries, or reaches its deadline; between attempts it waits by the backoff, never
 * past the deadline. An interrupt while waiting ends it with the last failure (the interrupt flag set again).
 */
public final class RetryLoop {
    private final int maxRetries;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;

    /** One try; throws its failure. */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        T run() throws E;
    }

    /** Which failures are worth another try, and what to say before one. */
    public interface Policy<E extends Exception> {
        boolean retryable(E failure);

        /** Called before waiting {@code delay} for retry {@code retry} of at most {@code of}. */
        default void retrying(E failure, int retry, int of, Duration delay) {
        }
    }

    public RetryLoop(int maxRetries, Backoff backoff, Sleeper sleeper, LongSupplier nanoTime) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, got " + maxRetries);
        }
        this.maxRetries = maxRetries;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
    }

    public int maxRetries() {
        return maxRetries;
    }

    /** Without a deadline. */
    public <T, E extends Exception> T run(Class<E> failures, Attempt<T, E> attempt, Policy<E> policy) throws E {
        return run(failures, attempt, policy, Long.MAX_VALUE);
    }

    /**
     * @param failures what the attempt throws when it fails; anything else (a bug) passes through at once
     * @param deadline in this loop's {@code nanoTime} terms: no wait reaches past it, no retry starts after it
     */
    public <T, E extends Exception> T run(Class<E> failures, Attempt<T, E> attempt, Policy<E> policy, long deadline)
            throws E {
        for (int retry = 1; ; retry++) {
            E failure;
            try {
                return attempt.run();
            } catch (RuntimeException e) {
                if (!failures.isInstance(e)) {
                    throw e;
                }
                failure = failures.cast(e);
            } catch (Exception e) {
                failure = failures.cast(e); // an Attempt<T, E> throws no other checked exception
            }
            long left = deadline - nanoTime.getAsLong();
            if (retry > maxRetries || left <= 0 || !policy.retryable(failure)) {
                throw failure;
            }
            Duration delay = backoff.before(retry);
            if (delay.toNanos() > left) {
                delay = Duration.ofNanos(left);
            }
            policy.retrying(failure, retry, maxRetries, delay);
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                failure.addSuppressed(interrupted);
                throw failure;
            }
        }
    }
}
