package dev.retentioncleanup.config;

import java.util.Locale;

/**
 * What a target does with a partition (of itself or of a descendant) whose every row the run would delete:
 * delete its rows one by one like any others, drop it, or detach it into the detach schema for the operator.
 */
public enum PartitionMode {
    ROWS, DROP, DETACH;

    /** From the config's {@code partitions:} value; throws IllegalArgumentException saying what is accepted. */
    public static PartitionMode parse(String text) {
        for (PartitionMode mode : values()) {
            if (mode.name().toLowerCase(Locale.ROOT).equals(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not one of rows, drop, detach");
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
