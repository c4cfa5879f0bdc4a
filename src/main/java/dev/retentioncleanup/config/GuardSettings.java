package dev.retentioncleanup.config;

import java.time.Duration;

/**
 * How pausing, stopping and shutting down behave, whichever guards are on. The guards' own settings (their limits,
 * the pause file) are declared and resolved by {@code guard.GuardRegistry}, so a new guard needs nothing here.
 *
 * @param guardWait     how long a continuous pause may last before the run stops (exit 3)
 * @param guardInterval how long a guard's reading is reused (less when the WAL since would take it over its limit)
 * @param shutdownGrace after SIGTERM/SIGINT, how long the running batch may take to commit before it is cancelled
 */
public record GuardSettings(Duration guardWait, Duration guardInterval, Duration shutdownGrace) {
    static GuardSettings resolve(Layers layers) {
        return new GuardSettings(layers.value(Settings.GUARD_WAIT), layers.value(Settings.GUARD_INTERVAL),
                layers.value(Settings.SHUTDOWN_GRACE));
    }
}
