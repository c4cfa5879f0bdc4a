package dev.retentioncleanup.execute;

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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.jooq.Query;

/**
 * The archive files of one transaction. Each delete streams the rows it deletes ({@code COPY (DELETE … RETURNING *)
 * TO STDOUT}) through gzip into a spool file; {@link #seal} makes every file durable in the archive and records it in
 * the outbox, in the transaction, just before it commits. A transaction that rolls back leaves no outbox row, so its
 * files, if any reached the archive, are leftovers the next run removes.
 */
final class ArchiveStep implements AutoCloseable {
    private static final int BUFFER = 64 * 1024;

    private final ArchiveRun run;
    private final TargetPlan target;
    private final long number;
    private final List<Spooled> files = new ArrayList<>();

    /**
     * A file written for this step: {@code keys} and {@code tenants} of the target rows its rows belonged to (a
     * partition removed whole records its tenants only).
     */
    private record Spooled(TableName table, Path file, long rows, long bytes, String sha256, List<String> keys,
            Collection<String> tenants) {
    }

    ArchiveStep(ArchiveRun run, TargetPlan target, long number) {
        this.run = run;
        this.target = target;
        this.number = number;
    }

    /** Runs the delete with its rows archived; @return the rows deleted */
    long delete(Connection connection, TableName table, Query deleteReturning, BatchRows owners) throws SQLException {
        return copy(connection, table, deleteReturning, owners.keys(), owners.tenants());
    }

    /**
     * Archives what {@code rows} returns (a {@code DELETE … RETURNING *}, or all rows of a partition about to be
     * dropped) into a file of {@code table}; @return the rows archived
     */
    long copy(Connection connection, TableName table, Query rows, List<String> keys, Collection<String> tenants)
            throws SQLException {
        Path file = run.spoolFile();
        MessageDigest sha256 = Sha256.newDigest();
        long copied;
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER),
                sha256); GZIPOutputStream gzip = new GZIPOutputStream(out, BUFFER)) {
            copied = Sql.copyOut(connection, rows, gzip);
        } catch (IOException e) {
            throw new ArchiveException("could not write the archive of " + table.display() + " in batch " + number
                    + " (" + e.getMessage() + ")", e);
        }
        files.add(new Spooled(table, file, copied, size(file), Sha256.hex(sha256), keys, tenants));
        return copied;
    }

    /** Just before the commit: every file with rows durable in the archive, and recorded in the outbox. */
    void seal(Connection connection) throws SQLException {
        for (Spooled spooled : files) {
            if (spooled.rows() == 0) {
                continue;
            }
            String path = ArchiveRun.filePath(number, spooled.table());
            try {
                run.store().put(run.key(path), spooled.file());
            } catch (IOException e) {
                throw new ArchiveException("could not store the archive of " + spooled.table().display() + " in batch "
                        + number + " at " + run.store().location() + " (" + e.getMessage() + ")", e);
            }
            ArchiveOutbox.Entry entry = new ArchiveOutbox.Entry(path, number, spooled.table().display(), spooled.rows(),
                    spooled.bytes(), spooled.sha256(), null, null, null);
            run.outbox().record(connection, run.runId(), entry,
                    KeyArrays.of(connection, target.keyType(), spooled.keys()),
                    connection.createArrayOf("text", spooled.tenants().toArray()));
        }
    }

    /** After the commit (or the rollback): what it wrote is counted once committed, and the spool is emptied. */
    void committed() {
        files.stream().filter(f -> f.rows() > 0).forEach(f -> run.count(f.rows(), f.bytes()));
    }

    @Override
    public void close() {
        for (Spooled spooled : files) {
            try {
                Files.deleteIfExists(spooled.file());
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
