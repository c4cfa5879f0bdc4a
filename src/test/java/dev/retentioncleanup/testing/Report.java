package dev.retentioncleanup.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A run's JSON report ({@code --report FILE}; README, "The report"), read back for assertions. */
public record Report(JsonNode json) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Report read(Path file) {
        try {
            return new Report(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("no readable report at " + file, e);
        }
    }

    public String status() {
        return json.get("status").asText();
    }

    public int exitCode() {
        return json.get("exit_code").asInt();
    }

    public boolean dryRun() {
        return json.get("dry_run").asBoolean();
    }

    public long batches() {
        return json.get("batches").asLong();
    }

    public JsonNode field(String name) {
        return json.get(name);
    }

    public Map<String, Long> tables() {
        return longs(json.get("tables"));
    }

    /** tenant → that tenant's rows per target table. */
    public Map<String, Map<String, Long>> tenantRows() {
        Map<String, Map<String, Long>> tenants = new LinkedHashMap<>();
        json.get("tenants").fields().forEachRemaining(e -> tenants.put(e.getKey(), longs(e.getValue().get("rows"))));
        return tenants;
    }

    public Instant cutoff(String tenant) {
        return Instant.parse(json.get("tenants").get(tenant).get("cutoff").asText());
    }

    public List<String> skippedTenants() {
        List<String> skipped = new ArrayList<>();
        json.get("skipped_tenants").forEach(n -> skipped.add(n.asText()));
        return skipped;
    }

    public Map<String, Long> held() {
        return longs(json.get("held"));
    }

    public Map<String, String> skippedReasons() {
        Map<String, String> reasons = new LinkedHashMap<>();
        json.get("skipped_reasons").fields().forEachRemaining(e -> reasons.put(e.getKey(), e.getValue().asText()));
        return reasons;
    }

    private static Map<String, Long> longs(JsonNode object) {
        Map<String, Long> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asLong()));
        return values;
    }

    @Override
    public String toString() {
        return json.toPrettyString();
    }
}
