package dev.retentioncleanup.observe;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.TreeMap;
import java.time.Instant;
import java.util.Map;

/**
 * Per tenant: the cutoff used and the target rows deleted (or, in a dry run, that would be). Jackson writes it into
 * the report as it is ({@code cutoff} as ISO-8601 text, {@code rows} by table name).
 */
@JsonPropertyOrder({"cutoff", "rows"})
public record TenantResult(@JsonIgnore Instant cutoff, Map<String, Long> rows) {
    public TenantResult {
        rows = Collections.unmodifiableMap(new TreeMap<>(rows));
    }

    @JsonProperty("cutoff")
    String cutoffText() {
        return cutoff.toString();
    }
}
