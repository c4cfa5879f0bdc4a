package dev.retentioncleanup.cli;

import picocli.CommandLine.Option;

/** The guards: what is read before every batch, and how pausing, stopping and shutting down behave. */
final class GuardOptions {
    @Option(names = "--max-wal-rate", paramLabel = "RATE", order = 40,
            description = "Pace the run so server-wide WAL (all writers) stays under this rate, e.g. 32MB/s.")
    String maxWalRate;

    @Option(names = "--max-wal-size", paramLabel = "SIZE", order = 41,
            description = "Pause while pg_wal holds more than this (pg_ls_waldir(); needs pg_monitor).")
    String maxWalSize;

    @Option(names = "--max-archive-backlog", paramLabel = "N", order = 42,
            description = "Pause while more than N WAL files wait for the archiver (exact with pg_monitor, "
                    + "else estimated from pg_stat_archiver).")
    String maxArchiveBacklog;

    @Option(names = "--max-slot-lag", paramLabel = "SIZE", order = 43,
            description = "Pause while any replication slot retains more WAL than this.")
    String maxSlotLag;

    @Option(names = "--max-replication-lag", paramLabel = "DURATION", order = 44,
            description = "Pause while a standby's replay_lag exceeds this (needs pg_monitor).")
    String maxReplicationLag;

    @Option(names = "--max-database-size", paramLabel = "SIZE", order = 45,
            description = "Pause while the database plus pg_wal is larger than this (needs pg_monitor).")
    String maxDatabaseSize;

    @Option(names = "--pause-file", paramLabel = "PATH", order = 46,
            description = "Pause while this file exists; remove it to resume.")
    String pauseFile;

    @Option(names = "--guard-wait", paramLabel = "DURATION", order = 47,
            description = "Stop (exit 3) after pausing this long without a batch. Default: ${DEFAULT-VALUE}.")
    String guardWait;

    @Option(names = "--guard-interval", paramLabel = "DURATION", order = 48,
            description = "Reuse a guard's reading for this long, unless the WAL written since would take it over "
                    + "its limit. Default: ${DEFAULT-VALUE}.")
    String guardInterval;

    @Option(names = "--shutdown-grace", paramLabel = "DURATION", order = 49,
            description = "On SIGTERM/SIGINT, let the running batch commit for this long, then cancel it. "
                    + "Default: ${DEFAULT-VALUE}.")
    String shutdownGrace;
}
