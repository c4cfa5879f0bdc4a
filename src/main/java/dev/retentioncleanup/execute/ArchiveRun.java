package dev.retentioncleanup.execute;

import dev.retentioncleanup.archive.ArchiveLayout;
import dev.retentioncleanup.archive.ArchiveStore;
import dev.retentioncleanup.config.ConfigException;
import dev.retentioncleanup.db.Catalog;
import dev.retentioncleanup.db.ForeignKey;
import dev.retentioncleanup.db.OnDelete;
import dev.retentioncleanup.db.TableInfo;
import dev.retentioncleanup.db.TableName;
import dev.retentioncleanup.plan.TargetPlan;
import dev.retentioncleanup.result.ArchiveResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This run's archive: the store, the run's directory in it, the outbox, and a spool directory for files being
 * written. Every transaction that deletes rows is a numbered step with its own files ({@link ArchiveStep}); a retried
 * batch gets a new number, so an attempt that did not commit never shares a file name with one that did.
 */
final class ArchiveRun implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveRun.class);

    private final ArchiveStore store;
    private final ArchiveOutbox outbox;
    private final ArchiveOutbox.Run registered;
    private final String runId;
    private final Path spool;
    private final AtomicLong steps = new AtomicLong();
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();

    ArchiveRun(ArchiveStore store, ArchiveOutbox outbox, ArchiveOutbox.Run registered) {
        this.store = store;
        this.outbox = outbox;
        this.registered = registered;
        this.runId = registered.runId();
        try {
            this.spool = Files.createTempDirectory("retention-archive-");
        } catch (IOException e) {
            throw new ArchiveException("could not create a spool directory for the archive (" + e.getMessage() + ")",
                    e);
        }
    }

    /**
     * Archiving archives what the run deletes itself, table by table: a child the graph leaves out whose foreign key
     * cascades would lose its rows to the database's cascade, unarchived; a table with {@code INHERITS} children
     * returns their rows with the parent's columns only, and restore would put them into the parent. Exit 2 before
     * anything is touched.
     */
    static void requireArchivable(Catalog catalog, List<TargetPlan> targets) {
        for (TargetPlan target : targets) {
            Set<TableName> inGraph = Set.copyOf(target.graph().deleteOrder());
            for (TableName table : inGraph) {
                if (catalog.table(table).map(t -> t.storage() == TableInfo.Storage.INHERITED).orElse(false)) {
                    throw new ConfigException(table.display() + " has INHERITS children: archiving cannot keep their"
                            + " rows whole (a delete through the parent returns the parent's columns only, and"
                            + " restore would put them into the parent); archive without it, or partition it");
                }
                for (ForeignKey fk : catalog.referencing(table)) {
                    if (!inGraph.contains(fk.child()) && fk.onDelete() == OnDelete.CASCADE) {
                        throw new ConfigException(fk.child().display() + " → " + table.display() + ": left out of the"
                                + " graph but " + fk.name() + " is ON DELETE CASCADE; with an archive its rows would"
                                + " be deleted by the database, unarchived: keep it in the graph (skip_children)");
                    }
                }
            }
        }
    }

    /**
     * Before the first batch: runs of this lock key that died are reconciled (none of them can be alive while this
     * run holds the key), and this run is registered, so that if it dies the next run finds it.
     */
    static ArchiveRun open(Connection session, ArchiveSettings settings, ArchiveOutbox outbox, long lockKey,
            String runId, Instant startedAt) throws SQLException {
        ArchiveReconciler reconciler = new ArchiveReconciler(settings.store(), outbox);
        for (ArchiveOutbox.Run earlier : outbox.runs(session, lockKey)) {
            try {
                reconciler.reconcile(session, earlier);
            } catch (IOException e) {
                throw new ArchiveException("could not reconcile the archive of run " + earlier.runId() + " at "
                        + settings.store().location() + " (" + e.getMessage() + ")", e);
            }
        }
        ArchiveOutbox.Run run = new ArchiveOutbox.Run(runId, lockKey, settings.database(), settings.configSha256(),
                startedAt);
        outbox.register(session, run);
        return new ArchiveRun(settings.store(), outbox, run);
    }

    /**
     * After the last batch: the run's manifest from what committed, on a pooled connection (the job's session may be
     * gone); a failure leaves it to the next run, which reconciles this one.
     */
    ArchiveResult finish(DataSource dataSource) {
        String manifest = null;
        try (Connection connection = dataSource.getConnection()) {
            manifest = new ArchiveReconciler(store, outbox).reconcile(connection, registered).manifestKey();
        } catch (SQLException | IOException e) {
            LOG.warn("could not write the archive manifest of this run ({}); the next run writes it", e.getMessage());
        }
        return new ArchiveResult(store.location(), manifest, files(), rows(), bytes());
    }

    ArchiveStep step(TargetPlan target) {
        return new ArchiveStep(this, target, steps.incrementAndGet());
    }

    /** Where a step's file of {@code table} goes: {@code <run>/000017/public.emails.csv.gz}. */
    ArchiveLayout.DataKey fileOf(long step, TableName table) {
        return ArchiveLayout.dataKey(runId, step, table.schema(), table.name());
    }

    Path spoolFile() {
        try {
            return Files.createTempFile(spool, "step", ".csv.gz");
        } catch (IOException e) {
            throw new ArchiveException("could not create a spool file in " + spool + " (" + e.getMessage() + ")", e);
        }
    }

    void count(long fileRows, long fileBytes) {
        files.incrementAndGet();
        rows.addAndGet(fileRows);
        bytes.addAndGet(fileBytes);
    }

    ArchiveStore store() {
        return store;
    }

    ArchiveOutbox outbox() {
        return outbox;
    }

    ArchiveOutbox.Run registered() {
        return registered;
    }

    String runId() {
        return runId;
    }

    long files() {
        return files.get();
    }

    long bytes() {
        return bytes.get();
    }

    long rows() {
        return rows.get();
    }

    @Override
    public void close() {
        try (Stream<Path> left = Files.walk(spool)) {
            left.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // the temporary directory; nothing of the archive's
        }
    }
}
