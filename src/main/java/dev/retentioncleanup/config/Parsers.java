package dev.retentioncleanup.config;

import dev.retentioncleanup.url.HttpUrl;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

/** Value parsers for settings (config's and the guards'); each throws IllegalArgumentException quoting the bad text. */
public final class Parsers {
    /** PostgreSQL keeps statement_timeout and lock_timeout as int milliseconds; 0 there means "no timeout". */
    static final Duration MAX_SERVER_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);
    /** pgjdbc takes connectTimeout and loginTimeout as int seconds. */
    static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(Integer.MAX_VALUE);

    private Parsers() {
    }

    public static String text(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("is empty");
        }
        return text;
    }

    public static Path path(String text) {
        try {
            return Path.of(text(text));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid path: " + e.getReason());
        }
    }

    /** Monitor endpoints: absolute http(s) URLs, as templates that may hold {rid}-style placeholders. */
    public static String httpUrl(String text) {
        HttpUrl.parse(text(text).replaceAll("\\{[a-z_]+}", "x"));
        return text;
    }

    public static int positiveInt(String text) {
        return (int) integer(text, 1, Integer.MAX_VALUE, "a positive integer");
    }

    public static int nonNegativeInt(String text) {
        return (int) integer(text, 0, Integer.MAX_VALUE, "an integer 0 or greater");
    }

    public static long positiveLong(String text) {
        return integer(text, 1, Long.MAX_VALUE, "a positive integer");
    }

    public static long nonNegativeLong(String text) {
        return integer(text, 0, Long.MAX_VALUE, "an integer 0 or greater");
    }

    /** Any duration, zero included (e.g. no sleep between batches). */
    public static Duration duration(String text) {
        return Units.parseDuration(text);
    }

    /** Timeouts and limits: zero would mean "wait forever" to PostgreSQL, the opposite of what a user means. */
    public static Duration positiveDuration(String text) {
        Duration duration = Units.parseDuration(text);
        if (duration.isZero()) {
            throw new IllegalArgumentException("'" + text + "' must be greater than zero");
        }
        return duration;
    }

    /**
     * Timeouts the server enforces: whole milliseconds, at most {@link #MAX_SERVER_TIMEOUT}. Less than 1ms would be
     * sent as 0, which PostgreSQL reads as "no timeout".
     */
    public static Duration serverTimeout(String text) {
        Duration duration = positiveDuration(text);
        if (duration.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("'" + text + "' is less than 1ms, the least PostgreSQL can enforce");
        }
        return atMost(duration, MAX_SERVER_TIMEOUT, text, "PostgreSQL");
    }

    public static Duration connectTimeout(String text) {
        return atMost(positiveDuration(text), MAX_CONNECT_TIMEOUT, text, "the PostgreSQL driver");
    }

    private static Duration atMost(Duration duration, Duration max, String text, String who) {
        if (duration.compareTo(max) > 0) {
            throw new IllegalArgumentException("'" + text + "' is more than " + Units.formatDuration(max)
                    + ", the most " + who + " accepts");
        }
        return duration;
    }

    /** For guard settings such as max-wal-size. */
    public static long size(String text) {
        return Units.parseBytes(text);
    }

    /** A zero rate would pause forever; refuse it as a typo. */
    public static long positiveRate(String text) {
        long rate = Units.parseRate(text);
        if (rate < 1) {
            throw new IllegalArgumentException("'" + text + "' must be greater than zero");
        }
        return rate;
    }

    private static long integer(String text, long min, long max, String what) {
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not " + what);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("'" + text + "' is not " + what);
        }
        return value;
    }
}
