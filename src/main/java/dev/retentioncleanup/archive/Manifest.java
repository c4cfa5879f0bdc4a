package dev.retentioncleanup.archive;

import java.time.Instant;
import java.util.List;

/**
 * A run's {@code manifest.json}: what the run was and every archive file of a batch that committed. A file the
 * manifest does not list is in doubt (its batch rolled back, or the run has not reconciled it yet).
 *
 * @param database      {@code host:port/dbname}, never credentials
 * @param configSha256  of the config file's bytes, lowercase hex
 * @param cutoffs       each tenant's cutoff as the run computed it
 */
public record Manifest(int version, String runId, String database, String configSha256, Instant startedAt,
        List<Cutoff> cutoffs, List<ManifestFile> files) {
    public static final int VERSION = 1;

    public Manifest {
        cutoffs = cutoffs == null ? List.of() : List.copyOf(cutoffs);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** One tenant's cutoff, both as text (tenant keys and cutoffs come in many types). */
    public record Cutoff(String tenant, String cutoff) {
    }
}
