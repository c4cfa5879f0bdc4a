package dev.retentioncleanup.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The JSON report a run wrote with {@code --report FILE}. */
final class Report {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Report() {
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("no readable report at " + file, e);
        }
    }
}
