package dev.retentioncleanup.plan;

import java.util.Locale;

/**
 * The type of a target's age column, which decides how it is compared with a tenant's cutoff (an instant): a
 * {@code timestamp} is wall time and a {@code date} a whole day, both in the run's time zone.
 */
public enum TimestampKind {
    TIMESTAMPTZ, TIMESTAMP, DATE;

    /** The short type name, for typed arrays and casts: the name in lower case. */
    public String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** From {@code format_type}'s name without modifiers; empty for a type that is not a point in time. */
    public static java.util.Optional<TimestampKind> of(String baseType) {
        return switch (baseType) {
            case "timestamp with time zone" -> java.util.Optional.of(TIMESTAMPTZ);
            case "timestamp without time zone" -> java.util.Optional.of(TIMESTAMP);
            case "date" -> java.util.Optional.of(DATE);
            default -> java.util.Optional.empty();
        };
    }
}
