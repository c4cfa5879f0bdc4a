package dev.retentioncleanup.differential;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Shape families the generator can be told to leave out (system property {@code fuzz.families}: {@code all},
 * {@code base}, or a comma list such as {@code base,inherits,-date}). Everything not listed here is always on
 * (1–3 targets, depth 4, diamonds, shared tables, composite keys, every ON DELETE action, quoted names, tables
 * without a key, extra_children, skip_children, NULLs, min_days, default_days, server time zones).
 *
 * <p>Switchable so that one engine can be shown to pass on the shapes it supports and to fail, with a
 * reproduction, on the ones it does not.
 */
enum Family {
    /** Partitioned descendants (range, list, hash, sub-partitioned) and partitioned targets with PK (id, ts). */
    PARTITIONED,
    /**
     * {@code partitions: drop} or {@code detach} on targets (chosen apart from the shapes, so seeds keep their
     * scenarios): partitions whose rows all go are removed whole, and the end state must still be the oracle's.
     */
    DROP,
    /** Tables with {@code INHERITS} children, targets and descendants. */
    INHERITS,
    /** Target self-references that hold rows (CASCADE, RESTRICT, NO ACTION); SET NULL ones are always on. */
    SELFREF,
    /** {@code timestamp without time zone} target columns. */
    TIMESTAMP,
    /** {@code date} target columns. */
    DATE,
    /** A JVM default time zone different from the server's during the tool run. */
    JVMTZ,
    /** {@code --time-zone} passed to the tool (an option the contract documents). */
    TZFLAG,
    /** Fractional, NaN, Infinity and huge retention values. */
    RETENTION,
    /** Shapes check must refuse: a descendant self-reference, a cycle across tables, a non-unique key. */
    REFUSED,
    /** A run stopped by {@code --max-rows} and run again. */
    INTERRUPT;

    static final String PROPERTY = "fuzz.families";

    /** Parses {@code all}, {@code base} and {@code +name}/{@code name}/{@code -name} items, left to right. */
    static Set<Family> parse(String spec) {
        EnumSet<Family> families = EnumSet.allOf(Family.class);
        if (spec == null || spec.isBlank()) {
            return families;
        }
        for (String raw : spec.split(",")) {
            String item = raw.trim().toLowerCase(Locale.ROOT);
            if (item.isEmpty()) {
                continue;
            }
            if (item.equals("all")) {
                families = EnumSet.allOf(Family.class);
            } else if (item.equals("base")) {
                families = EnumSet.noneOf(Family.class);
            } else if (item.startsWith("-")) {
                families.remove(valueOf(item.substring(1).toUpperCase(Locale.ROOT)));
            } else {
                families.add(valueOf(item.replace("+", "").toUpperCase(Locale.ROOT)));
            }
        }
        return families;
    }

    static Set<Family> fromSystemProperty() {
        return parse(System.getProperty(PROPERTY));
    }

    /** The canonical spec of a set, for reproduction commands. */
    static String spec(Set<Family> families) {
        if (families.containsAll(EnumSet.allOf(Family.class))) {
            return "all";
        }
        StringBuilder spec = new StringBuilder("base");
        families.stream().sorted().forEach(f -> spec.append(',').append(f.name().toLowerCase(Locale.ROOT)));
        return spec.toString();
    }
}
