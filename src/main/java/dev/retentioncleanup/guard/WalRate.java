package dev.retentioncleanup.guard;

import dev.retentioncleanup.config.Parsers;
import dev.retentioncleanup.config.Setting;
import dev.retentioncleanup.config.Units;
import dev.retentioncleanup.config.Written;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * {@code --max-wal-rate}: server-wide WAL bytes per second (every writer's, not only ours), from
 * {@code pg_current_wal_lsn()} deltas averaged over a short window. It paces rather than merely pauses:
 * when the window's average is over the limit it asks for exactly the sleep that brings the average back
 * to the limit if nothing more were written, so the run proceeds at the limit instead of in bursts.
 */
public final class WalRate extends DeclaredGuard<WalRate.Reading> {
    public static final String NAME = "wal_rate";
    /** {@code --max-wal-rate}: turns this guard on; its flag, variable, file key, label and help. */
    public static final Setting<Written<Long>> SETTING = Setting.limit("max-wal-rate", "RATE", Parsers::positiveRate,
            "Pace the run so server-wide WAL (all writers) stays under this rate, e.g. 32MB/s.");
    /** Long enough to smooth out one batch, short enough to react to other writers within seconds. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

    private final long limit;
    private final String limitText;
    private final Clock clock;
    private final Duration window;
    private final Deque<Sample> samples = new ArrayDeque<>();

    /** WAL written over a window: {@code bytes} between the oldest sample in it and now, {@code elapsed} apart. */
    public record Reading(long bytes, Duration elapsed) {
        public double bytesPerSecond() {
            return elapsed.isZero() ? 0 : bytes * 1e9 / elapsed.toNanos();
        }
    }

    /** @param over the window ending here was over the limit: the run paused, so this may not start a window */
    private record Sample(Instant at, long lsn, boolean over) {
    }

    public WalRate(Written<Long> limit, Clock clock) {
        this(limit, clock, DEFAULT_WINDOW);
    }

    WalRate(Written<Long> limit, Clock clock, Duration window) {
        super(NAME, SETTING);
        if (limit.value() < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        this.limit = limit.value();
        this.limitText = limit.text();
        this.clock = clock;
        this.window = window;
    }

    @Override
    public boolean cacheable() {
        return false;
    }

    @Override
    public Reading read(Connection connection) throws SQLException {
        return add(clock.instant(), WalPosition.WRITE.read(connection));
    }

    /** Records a sample and returns the window's reading; public for tests of the window without a database. */
    Reading add(Instant at, long lsn) {
        // A sample whose window was over the limit paused the run. Starting a later window there would count the
        // pause twice (once in the window that ended there, once in the new one) and let the long-run average
        // exceed the limit by one batch per window, so such a sample is replaced by the next one. Every kept
        // sample then closed a window at or under the limit, and the windows chain into a bound on the whole run.
        if (!samples.isEmpty() && samples.peekLast().over()) {
            samples.removeLast();
        }
        samples.addLast(new Sample(at, lsn, false));
        // Keep the newest sample that is at least a window old, so the window always spans a full window once
        // the run is that old; drop everything older.
        while (samples.size() > 2) {
            Sample second = samples.stream().skip(1).findFirst().orElseThrow();
            if (Duration.between(second.at(), at).compareTo(window) >= 0) {
                samples.removeFirst();
            } else {
                break;
            }
        }
        Sample oldest = samples.peekFirst();
        Reading reading = new Reading(Math.max(0, lsn - oldest.lsn()), Duration.between(oldest.at(), at));
        if (!pacing(reading, limit).isZero()) {
            samples.removeLast();
            samples.addLast(new Sample(at, lsn, true));
        }
        return reading;
    }

    @Override
    public Verdict verdict(Reading reading) {
        double rate = reading.bytesPerSecond();
        Duration wait = pacing(reading, limit);
        if (wait.isZero()) {
            return Verdict.proceed(NAME, rate, limit);
        }
        return Verdict.pause(NAME, rate, limit, "WAL rate " + Units.rate(rate) + " over the last "
                + Units.elapsed(reading.elapsed()) + " is above " + flag() + " " + limitText
                + "; pacing", wait);
    }

    /**
     * The sleep that brings the window's average down to the limit if no more WAL were written:
     * {@code bytes / (elapsed + wait) = limit}, so {@code wait = bytes / limit - elapsed}; zero when at or under it.
     */
    static Duration pacing(Reading reading, long limit) {
        double needed = (double) reading.bytes() / limit; // seconds the window must span to average at the limit
        double elapsed = reading.elapsed().toNanos() / 1e9;
        if (needed <= elapsed) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((needed - elapsed) * 1e9));
    }
}
