package dev.retentioncleanup.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** Which tenants and how much this run may touch. */
final class SelectionOptions {
    @Option(names = "--tenant", paramLabel = "ID", order = 20,
            description = "Only this tenant (the policy key value); repeatable.")
    List<String> tenants;

    @Option(names = "--shard", paramLabel = "I/N", order = 21,
            description = "Only tenants whose key hashes to shard I of N (0-based), for Kubernetes Indexed Jobs.")
    String shard;

    @Option(names = "--time-zone", paramLabel = "ZONE", order = 22,
            description = "Zone in which timestamp (without time zone) and date columns are read; default: the"
                    + " database's TimeZone.")
    String timeZone;

    @Option(names = "--max-rows", paramLabel = "N", order = 23,
            description = "Stop (exit 5) after deleting this many target rows.")
    String maxRows;
}
