package dev.retentioncleanup.differential;

import java.util.Map;

/**
 * One generated row: SQL expressions by column, and the physical table it goes into ({@code null}: the table
 * itself, or an {@code INHERITS} child's name).
 */
record Row(String physical, Map<String, String> values) {
    String value(String column) {
        return values.get(column);
    }
}
