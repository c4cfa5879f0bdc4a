package dev.retentioncleanup.config;

import java.util.List;
import java.util.Objects;

/**
 * A table whose old rows go, with everything that hangs off them.
 *
 * <p>{@code tenant} is the path of hops from this table to the tenant. With a policy table its last hop references
 * the policy table's key column. With a policy query there is no table to check against: the last hop's referenced
 * column is the one whose values the query returns as {@code tenant}.
 *
 * @param autoChildren  {@code children: auto}: follow foreign keys that reference this table, recursively
 * @param extraChildren relations the database does not declare
 * @param skipChildren  tables never deleted from explicitly
 * @param partitions    what happens to a partition whose every row goes: rows, drop or detach
 */
public record TargetConfig(TableRef table, String key, String timestamp, List<TenantHop> tenant,
                           boolean autoChildren, List<Edge> extraChildren, List<TableRef> skipChildren,
                           PartitionMode partitions) {
    public TargetConfig {
        Objects.requireNonNull(table, "table");
        TableRef.requireName(key, "key");
        TableRef.requireName(timestamp, "timestamp");
        tenant = List.copyOf(tenant);
        extraChildren = List.copyOf(extraChildren);
        skipChildren = List.copyOf(skipChildren);
        Objects.requireNonNull(partitions, "partitions");
        if (tenant.isEmpty()) {
            throw new IllegalArgumentException("tenant path must not be empty");
        }
    }
}
