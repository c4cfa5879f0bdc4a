package dev.retentioncleanup.execute;

import dev.retentioncleanup.guard.Guards;
import java.time.Duration;

/**
 * What keeps a run from harming the server beyond its limits: the guards asked before every batch, how long a
 * pause may last, how often readings are refreshed, and the batch in flight that a shutdown may cancel.
 */
public record Safety(Guards guards, Duration guardWait, Duration guardInterval, InFlightBatch inFlight) {
    public static Safety none() {
        return new Safety(Guards.none(), Duration.ofMinutes(5), Duration.ofSeconds(1), new InFlightBatch());
    }
}
