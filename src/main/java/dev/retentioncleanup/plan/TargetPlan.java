package dev.retentioncleanup.plan;

import dev.retentioncleanup.db.TableName;
import java.util.List;

/**
 * A target resolved against the catalog: its key and timestamp columns, the hops to its tenant key, and the delete
 * graph hanging off it. {@code keyType} is
 * the key column's SQL type without modifiers, used to bind key arrays with their real type so that index scans
 * stay possible.
 *
 * @param keyWithTimestamp the key is unique only together with the timestamp (a table partitioned by time): a row
 *                         is then identified by the pair
 * @param inherited        the target has {@code INHERITS} children, whose rows no unique index of the parent covers
 * @param partitioning     whether partitions whose rows all go are removed whole
 */
public record TargetPlan(String where, TableName table, String keyColumn, String keyType, String timestampColumn,
        TimestampKind timestampKind, boolean keyWithTimestamp, boolean inherited, List<ResolvedHop> tenantPath,
        DeleteGraph graph, Partitioning partitioning) {
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

    /** The columns that identify one row: the key, or the key and the timestamp. */
    public List<String> identityColumns() {
        return keyWithTimestamp ? List.of(keyColumn, timestampColumn) : List.of(keyColumn);
    }
}
