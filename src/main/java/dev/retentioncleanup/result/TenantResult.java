package dev.retentioncleanup.result;

import dev.retentioncleanup.db.TableName;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per tenant: the cutoff used and the target rows deleted (or, in a dry run, that would be), every target listed,
 * by {@code schema.table} in text order.
 */
public record TenantResult(Instant cutoff, Map<TableName, Long> rows) {
    public TenantResult {
        Map<TableName, Long> sorted = new TreeMap<>(Comparator.comparing(TableName::display));
        sorted.putAll(rows);
        rows = Collections.unmodifiableMap(sorted);
    }
}
