package dev.retentioncleanup.plan;

import dev.retentioncleanup.config.PartitionMode;
import dev.retentioncleanup.db.Partition;
import dev.retentioncleanup.db.PartitionReader;
import dev.retentioncleanup.db.Sql;
import dev.retentioncleanup.db.TableName;
import dev.retentioncleanup.plan.Finding.Severity;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * What {@code check} says about partitioned targets: where {@code partitions: drop} would save the WAL of row
 * deletes, and what a drop can never remove. Reads the catalog, and a default partition's oldest rows.
 */
final class PartitionChecks {
    private PartitionChecks() {
    }

    /** @param latestCutoff the latest of the tenants' cutoffs: a row older than it is past some tenant's retention */
    static List<Finding> check(Connection connection, TargetPlan target, Instant latestCutoff) throws SQLException {
        String key = partitionKey(connection, target.table());
        if (key == null) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        String subject = target.where() + " " + target.table().display();
        boolean byTimestamp = key.equals("RANGE (" + quoteIdent(connection, target.timestampColumn()) + ")");
        PartitionMode mode = target.partitioning().mode();
        if (mode == PartitionMode.ROWS) {
            if (byTimestamp) {
                findings.add(new Finding(Severity.INFO, subject, "partitioned by " + key + " but partitions: rows;"
                        + " with partitions: drop, partitions whose rows are all past retention would be dropped"
                        + " whole, with almost no WAL (docs/partitions.md)"));
            }
            return findings;
        }
        if (!byTimestamp) {
            findings.add(new Finding(Severity.INFO, subject, "partitioned by " + key + ", not by range on "
                    + target.timestampColumn() + ": a partition goes whole only when every row in it happens to be"
                    + " past retention; expect most rows to go one by one"));
        }
        for (Partition partition : PartitionReader.read(connection, target.table())) {
            if (partition.isDefault() && holdsRowsOlderThan(connection, partition.name(), target, latestCutoff)) {
                findings.add(new Finding(Severity.WARNING, partition.name().display(), "default partition holds rows"
                        + " past retention: a default partition is never dropped, so they go one by one; add"
                        + " partitions for their range"));
            }
        }
        for (TableName table : target.graph().deleteOrder()) {
            if (partitionKey(connection, table) != null && !owns(connection, table)) {
                findings.add(new Finding(Severity.WARNING, table.display(), "this role does not own it: DETACH and"
                        + " DROP need ownership, so its partitions will go row by row"));
            }
        }
        return findings;
    }

    /** {@code pg_get_partkeydef}, e.g. {@code RANGE (created_at)}; null when the table is not partitioned. */
    private static String partitionKey(Connection connection, TableName table) throws SQLException {
        return Sql.first(connection, DSL.resultQuery("SELECT pg_get_partkeydef(c.oid) FROM pg_class c"
                + " WHERE c.oid = to_regclass({0}) AND c.relkind = 'p'", DSL.val(table.sql())), row -> row.getString(1));
    }

    private static String quoteIdent(Connection connection, String column) throws SQLException {
        return Sql.value(connection, DSL.field("quote_ident({0})", String.class, DSL.val(column)));
    }

    private static boolean owns(Connection connection, TableName table) throws SQLException {
        return Boolean.TRUE.equals(Sql.first(connection, DSL.resultQuery("SELECT pg_has_role(c.relowner, 'USAGE')"
                + " FROM pg_class c WHERE c.oid = to_regclass({0})", DSL.val(table.sql())), row -> row.getBoolean(1)));
    }

    private static boolean holdsRowsOlderThan(Connection connection, TableName partition, TargetPlan target,
            Instant cutoff) throws SQLException {
        if (target.timestampKind() != TimestampKind.TIMESTAMPTZ) {
            return false; // wall-clock columns need the run's zone; the run itself says what it keeps
        }
        Field<Object> timestamp = DSL.field(DSL.name(target.timestampColumn()));
        return Sql.value(connection, DSL.field(DSL.exists(DSL.selectOne()
                .from(DSL.table(partition.qualifiedName()))
                .where(timestamp.lt(DSL.val(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC)))))));
    }
}
