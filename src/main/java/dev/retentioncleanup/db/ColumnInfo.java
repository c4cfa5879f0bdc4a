package dev.retentioncleanup.db;

/** @param type as {@code format_type} prints it, e.g. {@code timestamp with time zone}; @param position {@code attnum} */
public record ColumnInfo(String name, String type, boolean nullable, int position) {
}
