package dev.retentioncleanup.config;

import java.util.List;
import java.util.stream.Stream;

/**
 * Where a value sits in the config file, as messages name it: {@code targets[0].tenant[1]}. The one path type of
 * the config: the loader's complaints, the lines of {@link RetentionConfig#locate} and the catalog checks after
 * loading all use it.
 *
 * @param segments keys ({@link String}) and list indexes ({@link Integer}) from the top of the file
 */
public record ConfigPath(List<Object> segments) {
    /** The whole document. */
    public static final ConfigPath ROOT = new ConfigPath(List.of());

    public ConfigPath {
        segments = List.copyOf(segments);
        for (Object segment : segments) {
            if (!(segment instanceof String) && !(segment instanceof Integer)) {
                throw new IllegalArgumentException("a path segment is a key or an index, not " + segment);
            }
        }
    }

    /** {@code ConfigPath.of("policy", "table")}: a path of keys from the top. */
    public static ConfigPath of(String... keys) {
        return new ConfigPath(List.of((Object[]) keys));
    }

    public ConfigPath key(String key) {
        return append(key);
    }

    public ConfigPath index(int index) {
        return append(index);
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** One segment shorter; the root is its own parent. */
    public ConfigPath parent() {
        return isRoot() ? this : new ConfigPath(segments.subList(0, segments.size() - 1));
    }

    private ConfigPath append(Object segment) {
        return new ConfigPath(Stream.concat(segments.stream(), Stream.of(segment)).toList());
    }

    /** {@code targets[0].tenant[1]}; empty for the root. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                out.append(out.isEmpty() ? "" : ".").append(segment);
            }
        }
        return out.toString();
    }
}
