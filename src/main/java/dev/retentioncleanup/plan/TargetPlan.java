package dev.retentioncleanup.plan;

import dev.retentioncleanup.db.TableName;
import java.util.List;

/**
 * A target resolved against the catalog: its key and timestamp columns, the hops to its tenant key,
 * and the delete graph hanging off it. {@code keyType} is the key column's SQL type without modifiers,
 * used to bind key arrays with their real type so that index scans stay possible.
 */
public record TargetPlan(String where, TableName table, String keyColumn, String keyType, String timestampColumn,
        List<ResolvedHop> tenantPath, DeleteGraph graph) {
    public TargetPlan {
        tenantPath = List.copyOf(tenantPath);
        if (tenantPath.isEmpty()) {
            throw new IllegalArgumentException(where + ": empty tenant path");
        }
    }

    /** The column whose value is the tenant key: the last hop's referencing column. */
    public ResolvedHop lastHop() {
        return tenantPath.get(tenantPath.size() - 1);
    }
}
