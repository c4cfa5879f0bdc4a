package dev.retentioncleanup.plan;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a run will do, fixed at its start: the database's clock reading, the cutoff of every selected
 * tenant, the tenants skipped for lack of a policy, and the targets in config order.
 */
public record Plan(Instant databaseNow, List<TenantCutoff> tenants, List<String> skippedTenants,
        List<TargetPlan> targets) {
    public Plan {
        tenants = List.copyOf(tenants);
        skippedTenants = List.copyOf(skippedTenants);
        targets = List.copyOf(targets);
    }

    public Map<String, TenantCutoff> tenantsByKey() {
        return tenants.stream().collect(Collectors.toMap(TenantCutoff::tenant, Function.identity(),
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

    /** Every table the plan deletes from, per target leaf-first, each once, as report keys. */
    public List<String> tableKeys() {
        return targets.stream().flatMap(t -> t.graph().deleteOrder().stream())
                .map(dev.retentioncleanup.db.TableName::display).distinct().toList();
    }
}
