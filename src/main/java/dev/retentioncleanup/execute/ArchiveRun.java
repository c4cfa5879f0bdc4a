package dev.retentioncleanup.execute;

import dev.retentioncleanup.archive.ArchiveLayout;
import dev.retentioncleanup.archive.ArchiveStore;
import dev.retentioncleanup.db.TableName;
import dev.retentioncleanup.plan.TargetPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * This run's archive: the store, the run's directory in it, the outbox, and a spool directory for files being
 * written. Every transaction that deletes rows is a numbered step with its own files ({@link ArchiveStep}); a retried
 * batch gets a new number, so an attempt that did not commit never shares a file name with one that did.
 */
final class ArchiveRun implements AutoCloseable {
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

    ArchiveStep step(TargetPlan target) {
        return new ArchiveStep(this, target, steps.incrementAndGet());
    }

    /** A file's path under the run: {@code 000017/public.emails.csv.gz}. */
    static String filePath(long step, TableName table) {
        return ArchiveLayout.dataKey("", step, table.schema(), table.name()).path();
    }

    /** The store's key of a path under the run. */
    String key(String path) {
        return runId + "/" + path;
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
