package dev.retentioncleanup.config;

import java.util.Locale;

/** Human lines, or one JSON object per line for log pipelines. */
public enum LogFormat {
    TEXT, JSON;

    public static LogFormat parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("'" + text + "' is not text or json");
        };
    }
}
