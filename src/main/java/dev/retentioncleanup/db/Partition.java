package dev.retentioncleanup.db;

/**
 * One partition in a partitioned table's tree: a leaf that holds rows, or a partitioned table of its own.
 *
 * @param bound         {@code pg_get_expr(relpartbound)}: {@code FOR VALUES FROM (…) TO (…)}, {@code IN (…)},
 *                      {@code WITH (…)} or {@code DEFAULT}
 * @param detachPending a {@code DETACH … CONCURRENTLY} that was interrupted: only {@code FINALIZE} completes it
 */
public record Partition(TableName name, TableName parent, String bound, boolean leaf, boolean detachPending) {
    public boolean isDefault() {
        return "DEFAULT".equals(bound);
    }
}
