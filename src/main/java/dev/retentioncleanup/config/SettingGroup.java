package dev.retentioncleanup.config;

/** Sections of the help text, in this order; each {@link Setting} belongs to one. */
public enum SettingGroup {
    CONNECTION("Connection"),
    SELECTION("Selection"),
    BATCHING("Batching"),
    GUARDS("Guards"),
    PARTITIONS("Partitions"),
    ARCHIVE("Archive"),
    OUTPUT("Output"),
    MONITORING("Monitoring");

    private final String heading;

    SettingGroup(String heading) {
        this.heading = heading;
    }

    /** The section's heading in help, e.g. "Connection". */
    public String heading() {
        return heading;
    }
}
