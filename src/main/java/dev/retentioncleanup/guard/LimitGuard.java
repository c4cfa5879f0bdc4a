package dev.retentioncleanup.guard;

import dev.retentioncleanup.config.Setting;
import java.time.Duration;

/**
 * A guard that pauses while one number it reads is above the limit the user set: five of the seven guards. The
 * comparison, the verdicts and the wording "…, above --flag LIMIT" live here once; a subclass only reads its
 * signal and says what the number is. The limit is echoed as the user wrote it, so "--max-wal-size 64MB" is
 * never printed back as "61.0 MiB".
 *
 * @param <R> what one reading holds
 */
public abstract class LimitGuard<R> extends DeclaredGuard<R> {
    private final double limit;
    private final String limitText;

    /**
     * @param limit     in the unit {@link #value} returns (bytes, files, seconds)
     * @param limitText the limit as the user wrote it, or formatted like a reading when built in code
     */
    protected LimitGuard(String name, Setting<?> setting, double limit, String limitText) {
        super(name, setting);
        this.limit = limit;
        this.limitText = limitText;
    }

    /** The number compared with the limit. */
    protected abstract double value(R reading);

    /** What is over the limit, for people, e.g. "pg_wal holds 70.0 MiB". */
    protected abstract String over(R reading);

    /** Said after the limit when pausing, e.g. " (slot b is lost)"; empty for nothing. */
    protected String aside(R reading) {
        return "";
    }

    /** Worth saying even within the limit (a lost slot); null for nothing. */
    protected String proceedNote(R reading) {
        return null;
    }

    @Override
    public final Verdict verdict(R reading) {
        double value = value(reading);
        if (value <= limit) {
            return new Verdict(Verdict.Action.PROCEED, name(), value, limit, proceedNote(reading), Duration.ZERO);
        }
        return Verdict.pause(name(), value, limit,
                over(reading) + ", above " + flag() + " " + limitText + aside(reading));
    }

    /** Seconds, the unit the report and metrics give durations in. */
    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
