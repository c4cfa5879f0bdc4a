package dev.retentioncleanup.execute;

import dev.retentioncleanup.archive.ArchiveLayout;
import dev.retentioncleanup.archive.ArchiveStore;
import dev.retentioncleanup.archive.Manifest;
import dev.retentioncleanup.archive.ManifestFile;
import dev.retentioncleanup.archive.Manifests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a run's manifest say what the database committed: the files the outbox recorded (with those of a manifest
 * written before, if a reconciliation was cut short) go into the manifest, written durably first; then the run's
 * other files, written by transactions that never committed, are removed; then the outbox forgets the run. Each
 * step can be repeated, so a reconciliation cut short is finished by the next one.
 */
final class ArchiveReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveReconciler.class);

    private final ArchiveStore store;
    private final ArchiveOutbox outbox;

    ArchiveReconciler(ArchiveStore store, ArchiveOutbox outbox) {
        this.store = store;
        this.outbox = outbox;
    }

    /** What a reconciliation left: the manifest, and how many leftover files it removed. */
    record Reconciled(String manifestKey, Manifest manifest, int removed) {
    }

    Reconciled reconcile(Connection connection, ArchiveOutbox.Run run) throws SQLException, IOException {
        String manifestKey = ArchiveLayout.manifestKey(run.runId());
        Map<String, ManifestFile> files = new LinkedHashMap<>();
        Map<String, Manifest.Cutoff> cutoffs = new LinkedHashMap<>();
        Manifest before = read(manifestKey);
        if (before != null) {
            before.files().forEach(f -> files.put(f.path(), f));
            before.cutoffs().forEach(c -> cutoffs.put(c.tenant(), c));
        }
        for (ArchiveOutbox.Entry entry : outbox.entries(connection, run.runId())) {
            files.put(entry.path(), new ManifestFile(entry.path(), entry.table(), entry.batch(), entry.rows(),
                    entry.bytes(), entry.sha256(), entry.keyMin(), entry.keyMax(), List.copyOf(entry.cutoffs().keySet()),
                    entry.partitions()));
            entry.cutoffs().forEach((tenant, cutoff) -> cutoffs.putIfAbsent(tenant, new Manifest.Cutoff(tenant, cutoff)));
        }
        Manifest manifest = new Manifest(Manifest.VERSION, run.runId(), run.database(), run.configSha256(),
                run.startedAt(), new ArrayList<>(cutoffs.values()), new ArrayList<>(files.values()));
        write(manifestKey, manifest);
        int removed = 0;
        String prefix = run.runId() + "/";
        for (String key : store.list(prefix)) {
            if (!key.equals(manifestKey) && !files.containsKey(key.substring(prefix.length()))) {
                store.delete(key); // its transaction never committed: none of its rows was deleted
                removed++;
            }
        }
        outbox.forget(connection, run.runId());
        LOG.atInfo().addKeyValue("event", "archive_reconciled").addKeyValue("archive_run", run.runId())
                .addKeyValue("files", manifest.files().size()).addKeyValue("removed", removed)
                .log("archive of run {}: manifest {} lists {} files; removed {} files of transactions that did not"
                        + " commit", run.runId(), store.location() + "/" + manifestKey, manifest.files().size(), removed);
        return new Reconciled(manifestKey, manifest, removed);
    }

    private Manifest read(String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return Manifests.read(in);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private void write(String key, Manifest manifest) throws IOException {
        Path file = Files.createTempFile("retention-manifest-", ".json");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                Manifests.write(manifest, out);
            }
            store.put(key, file);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
