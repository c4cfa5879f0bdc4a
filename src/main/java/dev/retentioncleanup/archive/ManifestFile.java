package dev.retentioncleanup.archive;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One archive file of a committed batch, as the manifest lists it.
 *
 * @param path    the key relative to the run's directory, e.g. {@code 000017/public.emails.csv.gz}
 * @param table   {@code schema.table}, for people (the file name is the exact, encoded one)
 * @param rows    CSV records in the file, without the header line
 * @param bytes   size of the gzip file
 * @param sha256  of the gzip file's bytes, lowercase hex
 * @param keyMin  the smallest key archived, as text; null when unknown
 * @param keyMax  the largest key archived, as text; null when unknown
 * @param tenants    the tenants whose rows the file holds
 * @param partitions the partitions the file's rows were in when a partition (or a tree of them) was dropped whole,
 *                   parents first, so that restore can create them again; empty (and not written) otherwise
 */
public record ManifestFile(String path, String table, long batch, long rows, long bytes, String sha256,
        String keyMin, String keyMax, List<String> tenants,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<DroppedPartition> partitions) {
    public ManifestFile {
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
    }

    /** A file of rows deleted as rows. */
    public ManifestFile(String path, String table, long batch, long rows, long bytes, String sha256, String keyMin,
            String keyMax, List<String> tenants) {
        this(path, table, batch, rows, bytes, sha256, keyMin, keyMax, tenants, List.of());
    }

    /**
     * A partition dropped whole, as {@code CREATE TABLE schema.name PARTITION OF parentSchema.parent bounds
     * [PARTITION BY partitionBy]} makes it again ({@code bounds} and {@code partitionBy} as the server printed them;
     * {@code partitionBy} null for a leaf).
     */
    public record DroppedPartition(String schema, String name, String parentSchema, String parent, String bounds,
            String partitionBy) {
    }
}
