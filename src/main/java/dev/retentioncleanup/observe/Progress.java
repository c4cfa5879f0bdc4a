package dev.retentioncleanup.observe;

import dev.retentioncleanup.result.GuardEvent;
import dev.retentioncleanup.result.RunResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress while a run deletes: on a terminal one line redrawn in place every second; elsewhere (cron, a pod)
 * a log line every {@code --progress-interval}. Rows done, rate, current table and guard state; no total or ETA,
 * since a run does not scan the tables twice to count one ({@code --dry-run} counts exactly).
 * Its own daemon thread, so a run paused by a guard still reports that it is paused.
 */
public final class Progress implements RunListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.retentioncleanup.progress");

    private final PrintStream terminal;
    private final Duration interval;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong startedNanos = new AtomicLong();
    private volatile String table = "-";
    private volatile String guard = "running";
    private ScheduledExecutorService ticker;
    private boolean drawn;

    /** @param terminal where to draw the live line, or null to log every {@code interval} instead */
    public Progress(PrintStream terminal, Duration interval) {
        this.terminal = terminal;
        this.interval = interval;
    }

    @Override
    public synchronized void runStarted(RunStarted event) {
        if (event.dryRun() || ticker != null) {
            return;
        }
        startedNanos.set(System.nanoTime());
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
        long every = terminal != null ? 1000 : Math.max(interval.toMillis(), 1);
        ticker.scheduleAtFixedRate(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void batchCommitted(BatchCommitted event) {
        rows.addAndGet(event.totalRows());
        table = event.target().display();
        guard = "running";
    }

    @Override
    public void guardEvent(GuardEvent event) {
        guard = event.action().label() + " by " + event.guard() + (event.reason() == null ? "" : ": " + event.reason());
        clearLine(); // the guard's log line comes next and must not be glued to the progress line
    }

    @Override
    public void runFinished(RunResult result) {
        close();
    }

    @Override
    public synchronized void close() {
        if (ticker == null) {
            return;
        }
        ticker.shutdownNow();
        ticker = null;
        clearLine();
    }

    /** Clears the live line if one is drawn; synchronized with {@link #draw} (the ticker thread). */
    private synchronized void clearLine() {
        if (terminal != null && drawn) {
            terminal.print("\r\033[K");
            terminal.flush();
            drawn = false;
        }
    }

    private synchronized void draw() {
        if (ticker == null) {
            return; // closed while this tick waited for the lock: the line stays cleared
        }
        terminal.print("\r\033[K" + line());
        terminal.flush();
        drawn = true;
    }

    private void tick() {
        try {
            if (terminal != null) {
                draw();
            } else {
                double seconds = elapsedSeconds();
                LOG.atInfo().addKeyValue("event", "progress").addKeyValue("rows", rows.get())
                        .addKeyValue("rows_per_second", Math.round(rows.get() / seconds))
                        .addKeyValue("table", table).addKeyValue("guard_state", guard)
                        .addKeyValue("duration_ms", Math.round(seconds * 1000))
                        .log("progress: {}", line());
            }
        } catch (RuntimeException e) {
            LOG.debug("progress line failed: {}", e.toString());
        }
    }

    String line() {
        long done = rows.get();
        return String.format(Locale.ROOT, "deleted %,d rows, %,.0f rows/s, table %s, %s", done,
                done / elapsedSeconds(), table, guard);
    }

    private double elapsedSeconds() {
        return Math.max((System.nanoTime() - startedNanos.get()) / 1e9, 0.001);
    }
}
