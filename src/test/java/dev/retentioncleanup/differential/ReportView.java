package dev.retentioncleanup.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The parts of a run's JSON report the properties compare (README "The report"). */
record ReportView(JsonNode json) {

    /** Rows deleted (or, in a dry run, that would be) by {@code schema.table}. */
    Map<String, Long> tables() {
        return longs(json.get("tables"));
    }

    /** The partitions removed whole (or, in a dry run, that would be), as {@code schema.name}. */
    Set<String> partitions() {
        Set<String> names = new TreeSet<>();
        JsonNode list = json.get("partitions");
        if (list != null) {
            list.forEach(p -> names.add(p.get("partition").asText()));
        }
        return names;
    }

    /** Whether any partition was detached (it keeps its rows in the database, unarchived). */
    boolean detachedAny() {
        JsonNode list = json.get("partitions");
        if (list != null) {
            for (JsonNode p : list) {
                if (p.get("action").asText().equals("detached")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The database clock reading the run computed every cutoff from; null when it failed before reading it. */
    Instant databaseNow() {
        JsonNode now = json.get("database_now");
        return now == null || now.isNull() ? null : Instant.parse(now.asText());
    }

    /** The cutoffs of the tenants the report lists (those with rows). */
    Map<String, Instant> cutoffs() {
        Map<String, Instant> cutoffs = new TreeMap<>();
        json.get("tenants").fields().forEachRemaining(e ->
                cutoffs.put(e.getKey(), Instant.parse(e.getValue().get("cutoff").asText())));
        return cutoffs;
    }

    /** Target rows per tenant and {@code schema.table}, zeros left out. */
    Map<String, Map<String, Long>> tenantRows() {
        Map<String, Map<String, Long>> rows = new TreeMap<>();
        json.get("tenants").fields().forEachRemaining(e -> {
            Map<String, Long> nonZero = new TreeMap<>(longs(e.getValue().get("rows")));
            nonZero.values().removeIf(n -> n == 0);
            if (!nonZero.isEmpty()) {
                rows.put(e.getKey(), nonZero);
            }
        });
        return rows;
    }

    /** Skipped tenant keys; items may be plain keys or objects with the key and a reason. */
    Set<String> skipped() {
        Set<String> skipped = new TreeSet<>();
        for (JsonNode item : json.get("skipped_tenants")) {
            if (item.isObject()) {
                JsonNode key = item.has("tenant") ? item.get("tenant") : item.elements().next();
                skipped.add(key.asText());
            } else {
                skipped.add(item.asText());
            }
        }
        return skipped;
    }

    /** Held rows by table, zeros left out; null when the report has no {@code held} (an engine without it). */
    Map<String, Long> held() {
        JsonNode held = json.get("held");
        if (held == null || held.isNull()) {
            return null;
        }
        Map<String, Long> nonZero = new TreeMap<>(longs(held));
        nonZero.values().removeIf(n -> n == 0);
        return nonZero;
    }

    /** The run's id, which names its directory in an archive. */
    String runId() {
        return json.get("run_id").asText();
    }

    String timeZone() {
        JsonNode zone = json.get("time_zone");
        return zone == null || zone.isNull() ? null : zone.asText();
    }

    private static Map<String, Long> longs(JsonNode object) {
        Map<String, Long> values = new TreeMap<>();
        if (object != null) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            fields.forEachRemaining(e -> values.put(e.getKey(), e.getValue().asLong()));
        }
        return values;
    }
}
