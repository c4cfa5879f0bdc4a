package dev.retentioncleanup.config;

import java.util.Locale;

/** Sections of the help text, in this order; each {@link Setting} belongs to one. */
public enum SettingGroup {
    CONNECTION, SELECTION, BATCHING, GUARDS, PARTITIONS, ARCHIVE, OUTPUT, MONITORING;

    /** The section's heading in help: the name in sentence case, e.g. "Connection". */
    public String heading() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }
}
