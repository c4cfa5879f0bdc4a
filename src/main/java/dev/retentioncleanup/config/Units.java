package dev.retentioncleanup.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes, durations and rates for people, both ways: parsed as they are written on a command line, and formatted
 * for logs, the report, stop reasons and help. The one place for these units, so a limit and a reading of it
 * never print in two styles. Every parser throws {@link IllegalArgumentException} whose message quotes the input
 * and shows accepted forms; callers prefix the flag, variable or key it came from.
 */
public final class Units {
    private static final String SIZE_EXAMPLES = "(examples: 64MB, 1.5GiB, 512kB, 1048576)";
    private static final String DURATION_EXAMPLES = "(examples: 500ms, 30s, 10m, 2h, 1d, 1h30m)";
    private static final String RATE_EXAMPLES = "(examples: 32MB/s, 32MiB/s, 1GB/min)";

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|min|m|h|d)");

    // Decimal units are powers of 1000, binary ones powers of 1024, as in IEC 80000-13; keys are lower case.
    private static final Map<String, Long> SIZE_UNITS = Map.ofEntries(
            Map.entry("b", 1L),
            Map.entry("kb", 1_000L), Map.entry("mb", 1_000_000L), Map.entry("gb", 1_000_000_000L),
            Map.entry("tb", 1_000_000_000_000L), Map.entry("pb", 1_000_000_000_000_000L),
            Map.entry("kib", 1L << 10), Map.entry("mib", 1L << 20), Map.entry("gib", 1L << 30),
            Map.entry("tib", 1L << 40), Map.entry("pib", 1L << 50));

    private static final Map<String, Duration> DURATION_UNITS = Map.of(
            "d", Duration.ofDays(1), "h", Duration.ofHours(1), "m", Duration.ofMinutes(1),
            "min", Duration.ofMinutes(1), "s", Duration.ofSeconds(1), "ms", Duration.ofMillis(1));

    private static final Map<String, Long> RATE_PERIODS_SECONDS = Map.of("s", 1L, "min", 60L, "h", 3600L);

    private Units() {
    }

    /** Bytes from "64MB", "1.5GiB", "512kB", "0" or plain "1048576"; the unit is case-insensitive, B is required. */
    public static long parseBytes(String text) {
        String trimmed = text == null ? "" : text.strip();
        Matcher m = SIZE.matcher(trimmed);
        if (!m.matches()) {
            throw new IllegalArgumentException(quote(text) + " is not a size " + SIZE_EXAMPLES);
        }
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        Long factor = unit.isEmpty() ? Long.valueOf(1L) : SIZE_UNITS.get(unit);
        if (factor == null || (unit.isEmpty() && m.group(1).contains("."))) {
            throw new IllegalArgumentException(quote(text) + " is not a size " + SIZE_EXAMPLES);
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor));
        return toLong(bytes.setScale(0, RoundingMode.HALF_UP), text, "size");
    }

    /**
     * A duration from "500ms", "30s", "10m" (or "10min"), "2h", "1d", or parts largest first such as "1h30m".
     * A bare number is only accepted for "0": "30" could mean seconds or milliseconds.
     */
    public static Duration parseDuration(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION_PART.matcher(trimmed);
        Duration total = Duration.ZERO;
        Duration previousUnit = null;
        int position = 0;
        while (position < trimmed.length() && m.region(position, trimmed.length()).lookingAt()) {
            Duration unit = DURATION_UNITS.get(m.group(2));
            // Largest unit first, each once: "5m5m" or "30s1h" is far more likely a typo than intent.
            if (previousUnit != null && unit.compareTo(previousUnit) >= 0) {
                break;
            }
            previousUnit = unit;
            BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit.toNanos()));
            total = total.plusNanos(toLong(nanos.setScale(0, RoundingMode.HALF_UP), text, "duration"));
            position = m.end();
        }
        if (previousUnit == null || position != trimmed.length()) {
            throw new IllegalArgumentException(quote(text) + " is not a duration " + DURATION_EXAMPLES);
        }
        return total;
    }

    /** Bytes per second from "32MB/s", "32MiB/s", "1GB/min" or "10GB/h"; fractions round to the nearest byte. */
    public static long parseRate(String text) {
        String trimmed = text == null ? "" : text.strip();
        int slash = trimmed.lastIndexOf('/');
        Long seconds = slash < 0 ? null : RATE_PERIODS_SECONDS.get(trimmed.substring(slash + 1).strip());
        if (seconds == null) {
            throw new IllegalArgumentException(quote(text) + " is not a rate " + RATE_EXAMPLES);
        }
        long bytes;
        try {
            bytes = parseBytes(trimmed.substring(0, slash));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(quote(text) + " is not a rate " + RATE_EXAMPLES, e);
        }
        return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(seconds), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** "1h30m", "500ms", "0s"; parts largest first, zero parts left out, so the result parses back. */
    public static String formatDuration(Duration duration) {
        if (duration.isNegative()) {
            return "-" + formatDuration(duration.negated());
        }
        if (duration.toMillis() == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        append(out, duration.toDaysPart(), "d");
        append(out, duration.toHoursPart(), "h");
        append(out, duration.toMinutesPart(), "m");
        append(out, duration.toSecondsPart(), "s");
        append(out, duration.toMillisPart(), "ms");
        return out.toString();
    }

    /**
     * A measured amount of bytes, binary units to one decimal ("61.0 MiB", "512 B"): readings are rarely round, so
     * this does not try to parse back. Limits are not formatted at all but echoed as written ({@link Written}).
     */
    public static String bytes(double bytes) {
        if (Math.abs(bytes) < 1024) {
            return String.format(Locale.ROOT, "%.0f B", bytes);
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int i = -1;
        do {
            value /= 1024;
            i++;
        } while (Math.abs(value) >= 1024 && i < units.length - 1);
        return String.format(Locale.ROOT, "%.1f %s", value, units[i]);
    }

    /** A measured rate: {@link #bytes} per second. */
    public static String rate(double bytesPerSecond) {
        return bytes(bytesPerSecond) + "/s";
    }

    /** A measured time to the precision people read it at: "2.5s", "3m05s", "1h02m". */
    public static String elapsed(Duration duration) {
        long ms = duration.toMillis();
        return ms < 60_000 ? String.format(Locale.ROOT, "%.1fs", ms / 1000.0)
                : ms < 3_600_000 ? String.format(Locale.ROOT, "%dm%02ds", duration.toMinutes(), duration.toSecondsPart())
                : String.format(Locale.ROOT, "%dh%02dm", duration.toHours(), duration.toMinutesPart());
    }

    private static void append(StringBuilder out, long amount, String unit) {
        if (amount != 0) {
            out.append(amount).append(unit);
        }
    }

    private static long toLong(BigDecimal value, String text, String kind) {
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(quote(text) + " is too large for a " + kind);
        }
    }

    static String quote(String text) {
        return "'" + text + "'";
    }
}
