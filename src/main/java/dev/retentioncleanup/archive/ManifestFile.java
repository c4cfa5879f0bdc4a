package dev.retentioncleanup.archive;

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
 * @param tenants the tenants whose rows the file holds
 */
public record ManifestFile(String path, String table, long batch, long rows, long bytes, String sha256,
        String keyMin, String keyMax, List<String> tenants) {
    public ManifestFile {
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
    }
}
