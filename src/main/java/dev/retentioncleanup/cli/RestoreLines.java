package dev.retentioncleanup.cli;

import dev.retentioncleanup.execute.Restorer;
import java.io.PrintWriter;
import java.util.function.Consumer;

/** What {@code restore} prints: a line per file as it commits (or, in a dry run, would), then the totals. */
final class RestoreLines implements Consumer<Restorer.Restored> {
    private final PrintWriter out;
    private final boolean dryRun;
    private long rows;
    private long existing;

    RestoreLines(PrintWriter out, boolean dryRun) {
        this.out = out;
        this.dryRun = dryRun;
    }

    /** A file none of whose rows were chosen (another tenant's) says nothing. */
    @Override
    public void accept(Restorer.Restored file) {
        rows += dryRun ? file.chosen() : file.inserted();
        existing += file.existing();
        if (file.chosen() == 0) {
            return;
        }
        String there = file.existing() == 0 ? ""
                : " (" + file.existing() + " already there" + (dryRun ? ")" : ", left as they are)");
        out.println((dryRun ? "would insert " + file.chosen() : "inserted " + file.inserted()) + " rows into "
                + file.table().display() + " from " + file.path() + there);
        out.flush();
    }

    /** @param stopped why the restore stopped, or null when every file went */
    void finished(String stopped) {
        out.println("restore: " + rows + " rows " + (dryRun ? "would be inserted" : "inserted") + ", " + existing
                + " already there" + (stopped == null ? "" : "; stopped: " + stopped));
    }
}
