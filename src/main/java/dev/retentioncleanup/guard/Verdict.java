package dev.retentioncleanup.guard;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What a guard says about starting the next batch, with what it read and the limit it compared against,
 * so every log line, report entry and stop reason can show both.
 *
 * @param reading in the guard's unit (bytes, bytes per second, files, seconds; 1 or 0 for the pause file)
 * @param expectedWait for a pause: how long the guard expects it to last (the WAL-rate pacing sleep); ZERO when
 *                it cannot know and the caller should simply look again
 */
public record Verdict(Action action, String guard, double reading, double limit, String why, Duration expectedWait) {
    public enum Action {
        PROCEED, PAUSE, STOP;

        /** As the report, the log's event names and the metrics spell it: "pause". */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Verdict {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(guard, "guard");
        expectedWait = expectedWait == null || expectedWait.isNegative() ? Duration.ZERO : expectedWait;
    }

    public static Verdict proceed(String guard, double reading, double limit) {
        return new Verdict(Action.PROCEED, guard, reading, limit, null, Duration.ZERO);
    }

    public static Verdict pause(String guard, double reading, double limit, String why) {
        return new Verdict(Action.PAUSE, guard, reading, limit, why, Duration.ZERO);
    }

    /** A pause expected to end after {@code expectedWait} (pacing). */
    public static Verdict pause(String guard, double reading, double limit, String why, Duration expectedWait) {
        return new Verdict(Action.PAUSE, guard, reading, limit, why, expectedWait);
    }

    public static Verdict stop(String guard, double reading, double limit, String why) {
        return new Verdict(Action.STOP, guard, reading, limit, why, Duration.ZERO);
    }

    public boolean proceeds() {
        return action == Action.PROCEED;
    }

    public boolean pauses() {
        return action == Action.PAUSE;
    }

    public boolean stops() {
        return action == Action.STOP;
    }
}
