package dev.retentioncleanup.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The guard settings of a run (docs/guards.md), grouped so they travel together. Each limit is null when
 * the user did not set it: that guard is then off. Sizes in bytes, the rate in bytes per second.
 *
 * @param maxArchiveBacklog WAL files not yet archived
 * @param guardWait         how long a continuous pause may last before the run stops (exit 3)
 * @param guardInterval     how long a guard's reading is reused (less when the WAL since would take it over its limit)
 * @param shutdownGrace     after SIGTERM/SIGINT, how long the running batch may take to commit before it is cancelled
 */
public record GuardSettings(Long maxWalRate, Long maxWalSize, Long maxArchiveBacklog, Long maxSlotLag,
        Duration maxReplicationLag, Long maxDatabaseSize, Path pauseFile,
        Duration guardWait, Duration guardInterval, Duration shutdownGrace) {

    static GuardSettings resolve(Layers layers) {
        return new GuardSettings(
                layers.value(Settings.MAX_WAL_RATE),
                layers.value(Settings.MAX_WAL_SIZE),
                layers.value(Settings.MAX_ARCHIVE_BACKLOG),
                layers.value(Settings.MAX_SLOT_LAG),
                layers.value(Settings.MAX_REPLICATION_LAG),
                layers.value(Settings.MAX_DATABASE_SIZE),
                layers.value(Settings.PAUSE_FILE),
                layers.value(Settings.GUARD_WAIT),
                layers.value(Settings.GUARD_INTERVAL),
                layers.value(Settings.SHUTDOWN_GRACE));
    }
}
