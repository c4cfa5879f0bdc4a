package dev.retentioncleanup.config;

import java.util.List;
import java.util.Objects;

/**
 * A value from the file's {@code run:} section with the line it is on. {@code value} is the scalar's text
 * ({@code 500} and {@code "500"} both give "500") or, for a YAML list, an immutable {@code List<String>}.
 */
public record FileValue(Object value, int line) {
    public FileValue {
        Objects.requireNonNull(value, "value");
        if (value instanceof List<?> list) {
            value = List.copyOf(list);
        } else if (!(value instanceof String)) {
            throw new IllegalArgumentException("a run value is a String or a List<String>, not " + value.getClass());
        }
    }
}
