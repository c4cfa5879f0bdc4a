package dev.retentioncleanup.config;

import java.util.function.Function;

/**
 * A value together with the text the user wrote for it, so messages echo a limit as given ("64MB") rather than
 * as reformatted from the parsed number ("61.0 MiB"), which would read as if the tool had changed it.
 */
public record Written<T>(T value, String text) {
    /** Wraps a parser so its value keeps its text (already stripped by {@link Setting#parse}). */
    static <T> Function<String, Written<T>> by(Function<String, T> parser) {
        return text -> new Written<>(parser.apply(text), text);
    }
}
