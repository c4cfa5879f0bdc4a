package dev.retentioncleanup.guard;

import java.time.Duration;
import java.util.Locale;

/** Readings and limits for people, in the units the flags take. */
final class Amounts {
    private Amounts() {
    }

    static String bytes(double b) {
        if (Math.abs(b) < 1024) {
            return String.format(Locale.ROOT, "%.0f B", b);
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = b;
        int i = -1;
        do {
            v /= 1024;
            i++;
        } while (Math.abs(v) >= 1024 && i < units.length - 1);
        return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    static String rate(double bytesPerSecond) {
        return bytes(bytesPerSecond) + "/s";
    }

    static String duration(Duration d) {
        long ms = d.toMillis();
        return ms < 60_000 ? String.format(Locale.ROOT, "%.1fs", ms / 1000.0)
                : ms < 3_600_000 ? String.format(Locale.ROOT, "%dm%02ds", d.toMinutes(), d.toSecondsPart())
                : String.format(Locale.ROOT, "%dh%02dm", d.toHours(), d.toMinutesPart());
    }

    static String seconds(double s) {
        return duration(Duration.ofMillis(Math.round(s * 1000)));
    }
}
