package dev.retentioncleanup.execute;

import dev.retentioncleanup.archive.ArchiveLayout;
import dev.retentioncleanup.archive.ManifestFile;
import dev.retentioncleanup.archive.Sha256;
import dev.retentioncleanup.db.Sql;
import dev.retentioncleanup.db.TableName;
import dev.retentioncleanup.plan.TargetPlan;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.jooq.Query;

/**
 * The archive files of one transaction, one per table. Each delete streams the rows it deletes ({@code COPY (DELETE …
 * RETURNING *) TO STDOUT}) through gzip into the table's spool file; a second delete of the same table in the
 * transaction (a partition's referencing rows drained through two links) appends a gzip member without a header, so
 * the file stays one CSV that gunzip, {@code COPY FROM} and any CSV reader take whole. {@link #seal} makes every file
 * durable in the archive and records it in the outbox, in the transaction, just before it commits. A transaction
 * that rolls back leaves no outbox row, so its files, if any reached the archive, are leftovers the next run removes.
 */
final class ArchiveStep implements AutoCloseable {
    private static final int BUFFER = 64 * 1024;

    private final ArchiveRun run;
    private final TargetPlan target;
    private final long number;
    private final Map<TableName, Spooled> files = new LinkedHashMap<>();

    /**
     * A table's file in this step: its digest so far, its rows, and the keys and tenants of the target rows its rows
     * belonged to (a partition removed whole records its tenants only).
     */
    private static final class Spooled {
        final Path file;
        final MessageDigest sha256 = Sha256.newDigest();
        final List<String> keys = new ArrayList<>();
        final Set<String> tenants = new LinkedHashSet<>();
        final List<ManifestFile.DroppedPartition> partitions = new ArrayList<>();
        long rows;
        long bytes; // once sealed

        Spooled(Path file) {
            this.file = file;
        }
    }

    ArchiveStep(ArchiveRun run, TargetPlan target, long number) {
        this.run = run;
        this.target = target;
        this.number = number;
    }

    /** Runs the delete with its rows archived; @return the rows deleted */
    long delete(Connection connection, TableName table, Query deleteReturning, BatchRows owners) throws SQLException {
        return copy(connection, table, deleteReturning, owners.keys(), owners.tenants(), List.of());
    }

    /**
     * Archives what {@code rows} returns (a {@code DELETE … RETURNING *}, or all rows of a partition about to be
     * dropped, {@code dropped} its tree as restore creates it again) into the file of {@code table}
     *
     * @return the rows archived
     */
    long copy(Connection connection, TableName table, Query rows, List<String> keys, Collection<String> tenants,
            List<ManifestFile.DroppedPartition> dropped) throws SQLException {
        Spooled spooled = files.get(table);
        boolean first = spooled == null;
        if (first) {
            spooled = new Spooled(run.spoolFile());
            files.put(table, spooled);
        }
        long copied;
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(spooled.file,
                StandardOpenOption.APPEND), BUFFER), spooled.sha256);
                GZIPOutputStream gzip = new GZIPOutputStream(out, BUFFER)) {
            copied = Sql.copyOut(connection, rows, first, gzip);
        } catch (IOException e) {
            throw new ArchiveException("could not write the archive of " + table.display() + " in batch " + number
                    + " (" + e.getMessage() + ")", e);
        }
        spooled.rows += copied;
        spooled.keys.addAll(keys);
        spooled.tenants.addAll(tenants);
        spooled.partitions.addAll(dropped);
        return copied;
    }

    /** Just before the commit: every file with rows durable in the archive, and recorded in the outbox. */
    void seal(Connection connection) throws SQLException {
        for (Map.Entry<TableName, Spooled> file : files.entrySet()) {
            TableName table = file.getKey();
            Spooled spooled = file.getValue();
            if (spooled.rows == 0) {
                continue;
            }
            ArchiveLayout.DataKey key = run.fileOf(number, table);
            spooled.bytes = size(spooled.file);
            try {
                run.store().put(key.key(), spooled.file);
            } catch (IOException e) {
                throw new ArchiveException("could not store the archive of " + table.display() + " in batch "
                        + number + " at " + run.store().location() + " (" + e.getMessage() + ")", e);
            }
            ArchiveOutbox.Entry entry = new ArchiveOutbox.Entry(key.path(), number, table.display(), spooled.rows,
                    spooled.bytes, Sha256.hex(spooled.sha256), null, null, null, spooled.partitions);
            run.outbox().record(connection, run.runId(), entry, KeyArrays.of(connection, target.keyType(), spooled.keys),
                    connection.createArrayOf("text", spooled.tenants.toArray()));
        }
    }

    /** After the commit: what it wrote is counted. */
    void committed() {
        files.values().stream().filter(f -> f.rows > 0).forEach(f -> run.count(f.rows, f.bytes));
    }

    /** After the commit or the rollback: the spool is emptied. */
    @Override
    public void close() {
        for (Spooled spooled : files.values()) {
            try {
                Files.deleteIfExists(spooled.file);
            } catch (IOException ignored) {
                // a spool file left behind is in the temporary directory, which the run removes at its end
            }
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new ArchiveException("could not read the size of the spool file " + file + " (" + e.getMessage()
                    + ")", e);
        }
    }
}
