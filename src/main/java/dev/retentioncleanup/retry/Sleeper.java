package dev.retentioncleanup.retry;

import java.time.Duration;

/** Waiting between retries, injectable so tests do not sleep. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
