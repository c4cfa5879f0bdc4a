package dev.retentioncleanup.observe;

import dev.retentioncleanup.config.Units;
import dev.retentioncleanup.result.Outcome;
import dev.retentioncleanup.result.PartitionRemoval;
import dev.retentioncleanup.result.RunResult;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The human account at the end of every run: rows per table, batches, duration, rate, WAL, why it stopped. */
public final class Summary implements RunListener {
    private static final Logger LOG = LoggerFactory.getLogger("dev.retentioncleanup.summary");

    @Override
    public void runFinished(RunResult result) {
        boolean failed = result.outcome() == Outcome.FAILED || result.outcome() == Outcome.NOT_WRITABLE;
        lines(result).lines().forEach(failed ? LOG::error : LOG::info);
    }

    public static String lines(RunResult r) {
        if (r.totalRows() == 0 && r.batches() == 0 && r.stopReason() != null && r.outcome() != Outcome.COMPLETED) {
            // Nothing happened before it ended: the reason is the whole story, on one line.
            return r.outcome().status() + ": " + r.stopReason();
        }
        StringBuilder out = new StringBuilder();
        Duration took = r.duration();
        double seconds = Math.max(took.toMillis(), 1) / 1000.0;
        if (r.dryRun()) {
            out.append(String.format(Locale.ROOT, "%s: would delete %,d rows (counted in %s)",
                    r.outcome().status(), r.totalRows(), Units.elapsed(took)));
        } else {
            out.append(String.format(Locale.ROOT, "%s: deleted %,d rows in %,d batches over %s (%,.0f rows/s)",
                    r.outcome().status(), r.totalRows(), r.batches(), Units.elapsed(took), r.totalRows() / seconds));
        }
        if (r.walBytes() != null) {
            out.append(String.format(Locale.ROOT, ", WAL %s", Units.bytes(r.walBytes())));
        }
        if (r.walBytesEstimate() != null) {
            out.append(String.format(Locale.ROOT, ", WAL estimate %s", Units.bytes(r.walBytesEstimate())));
        }
        int width = r.tables().keySet().stream().mapToInt(t -> t.display().length()).max().orElse(5);
        r.tables().forEach((table, rows) -> out.append(String.format(Locale.ROOT, "%n  %-" + width + "s %,12d",
                table.display(), rows)));
        if (!r.partitions().isEmpty()) {
            long rows = r.partitions().stream().mapToLong(PartitionRemoval::rows).sum();
            out.append(String.format(Locale.ROOT, "%n  %s %d partitions whole (%,d of the rows above, almost no WAL);"
                    + " the other %,d rows one by one", r.dryRun() ? "would remove" : "removed", r.partitions().size(),
                    rows, r.totalRows() - rows));
            r.partitions().forEach(p -> out.append(String.format(Locale.ROOT, "%n    %s %s: %,d rows, %s%s",
                    p.partition().display(), p.bounds(), p.rows(), r.dryRun() ? "to be " : "", p.action().word())));
        }
        if (r.archive() != null) {
            out.append(String.format(Locale.ROOT, "%n  archived %,d rows in %,d files (%s) to %s; manifest: %s",
                    r.archive().rows(), r.archive().files(), Units.bytes(r.archive().bytes()), r.archive().location(),
                    r.archive().manifest() == null ? "not written (the next run writes it)" : r.archive().manifest()));
        }
        if (!r.skippedReasons().isEmpty()) {
            out.append(String.format(Locale.ROOT, "%n  tenants kept whole: %s", String.join(", ",
                    r.skippedReasons().entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").toList())));
        }
        r.held().forEach((table, rows) -> out.append(String.format(Locale.ROOT,
                "%n  held in %s: %,d rows that kept rows still reference (a later run deletes them)", table.display(),
                rows)));
        if (r.stopReason() != null) {
            out.append(String.format(Locale.ROOT, "%n  why it stopped: %s", r.stopReason()));
        }
        return out.toString();
    }
}
