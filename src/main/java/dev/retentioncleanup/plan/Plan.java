package dev.retentioncleanup.plan;

import dev.retentioncleanup.db.TableName;
import java.time.Instant;
import java.util.List;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run will do, fixed at its start: the database's clock reading, the cutoff of every selected
 * tenant, the tenants kept whole (with the reason), the targets in config order, and the time zone in which
 * {@code timestamp} and {@code date} columns are read.
 */
public record Plan(Instant databaseNow, List<TenantCutoff> tenants, Map<String, String> skippedTenants,
        List<TargetPlan> targets, String timeZone) {
    public Plan {
        tenants = List.copyOf(tenants);
        skippedTenants = Collections.unmodifiableMap(new LinkedHashMap<>(skippedTenants));
        targets = List.copyOf(targets);
    }

    /** Every table the plan deletes from, per target leaf-first, each once: the order of the report's tables. */
    public List<TableName> deleteOrder() {
        return targets.stream().flatMap(t -> t.graph().deleteOrder().stream()).distinct().toList();
    }
}
