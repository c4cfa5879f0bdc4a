package dev.retentioncleanup.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes archives as a run would: gzip CSV files put into a store and a manifest listing them with their real size
 * and SHA-256 (computed here with the JDK, not with the code under test) and the row count the test states.
 */
public final class ArchiveFixture {
    public static final Instant STARTED = Instant.parse("2026-12-02T12:25:53Z");

    private final ArchiveStore store;
    private final Path scratch;

    public ArchiveFixture(ArchiveStore store, Path scratch) {
        this.store = store;
        this.scratch = scratch;
    }

    /** Gzips {@code csv}, stores it as the data file of the batch and table; the manifest entry claims {@code rows}. */
    public ManifestFile dataFile(String runId, long batch, String schema, String table, String csv, long rows) {
        try {
            Path file = Files.createTempFile(scratch, "data", ".csv.gz");
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(csv.getBytes(StandardCharsets.UTF_8));
            }
            ArchiveLayout.DataKey key = ArchiveLayout.dataKey(runId, batch, schema, table);
            store.put(key.key(), file);
            byte[] bytes = Files.readAllBytes(file);
            String sha256 = java.util.HexFormat.of().formatHex(Sha256.newDigest().digest(bytes));
            return new ManifestFile(key.path(), schema + "." + table, batch, rows, bytes.length, sha256, "1", "9",
                    List.of("acme"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void manifest(String runId, List<ManifestFile> files) {
        Manifest manifest = new Manifest(Manifest.VERSION, runId, "db.example:5432/app", "ab".repeat(32), STARTED,
                List.of(new Manifest.Cutoff("acme", "2026-09-03T00:00:00Z")), files);
        try {
            Path file = Files.createTempFile(scratch, "manifest", ".json");
            try (OutputStream out = Files.newOutputStream(file)) {
                Manifests.write(manifest, out);
            }
            store.put(ArchiveLayout.manifestKey(runId), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores {@code text} as {@code key} as is. */
    public void raw(String key, String text) {
        try {
            Path file = Files.createTempFile(scratch, "raw", ".bin");
            Files.writeString(file, text);
            store.put(key, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
