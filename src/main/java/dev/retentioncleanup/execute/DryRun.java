package dev.retentioncleanup.execute;

import dev.retentioncleanup.db.TableName;
import dev.retentioncleanup.plan.Plan;
import dev.retentioncleanup.plan.TargetPlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts exactly what a run would delete now, per table and per tenant, inside one
 * {@code READ ONLY, REPEATABLE READ} transaction: it cannot delete, even by bug, and all counts see one snapshot.
 */
public final class DryRun {
    private DryRun() {
    }

    public record Counts(Map<String, Long> rowsByTable, Map<String, Map<String, Long>> targetRowsByTenant) {
    }

    public static Counts count(Connection connection, Plan plan) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            Map<String, Map<String, Long>> byTenant = new LinkedHashMap<>();
            TenantArrays tenants = TenantArrays.of(plan);
            Map<String, Object> values = tenants.bind(connection);
            // Which targets delete from each table: a table under several targets (or a target under another
            // target) is deleted once by the run, so its rows are counted once, over the union of the row sets.
            Map<TableName, List<BoundSql>> rowSets = new LinkedHashMap<>();
            for (TargetPlan target : plan.targets()) {
                Statements sql = new Statements(target);
                String targetKey = target.table().display();
                try (PreparedStatement statement = sql.countEligibleByTenant().prepare(connection, values);
                        ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        byTenant.computeIfAbsent(rows.getString(1), t -> new LinkedHashMap<>())
                                .merge(targetKey, rows.getLong(2), Long::sum);
                    }
                }
                for (TableName table : target.graph().deleteOrder()) {
                    rowSets.computeIfAbsent(table, t -> new ArrayList<>()).add(sql.eligibleRows(table));
                }
            }
            Map<String, Long> rowsByTable = new LinkedHashMap<>();
            plan.tableKeys().forEach(t -> rowsByTable.put(t, 0L));
            for (var entry : rowSets.entrySet()) {
                try (PreparedStatement statement = BoundSql.countUnion(entry.getValue()).prepare(connection, values);
                        ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    rowsByTable.put(entry.getKey().display(), rows.getLong(1));
                }
            }
            return new Counts(rowsByTable, byTenant);
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }
}
