package dev.retentioncleanup.observe;

import java.time.Instant;
import java.util.Map;

/** Per tenant: the cutoff used and the target rows deleted (or, in a dry run, that would be). */
public record TenantResult(Instant cutoff, Map<String, Long> rows) {
    public TenantResult {
        rows = Map.copyOf(rows);
    }
}
