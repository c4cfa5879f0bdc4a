package dev.retentioncleanup.execute;

import dev.retentioncleanup.plan.GraphNode;
import dev.retentioncleanup.plan.Plan;
import dev.retentioncleanup.plan.TargetPlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
            Map<String, Long> rowsByTable = new LinkedHashMap<>();
            plan.tableKeys().forEach(t -> rowsByTable.put(t, 0L));
            Map<String, Map<String, Long>> byTenant = new LinkedHashMap<>();
            TenantArrays tenants = TenantArrays.of(plan);
            for (TargetPlan target : plan.targets()) {
                Statements sql = new Statements(target);
                String targetKey = target.table().display();
                Map<String, Object> values = tenants.bind(connection);
                try (PreparedStatement statement = sql.countEligibleByTenant().prepare(connection, values);
                        ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        long n = rows.getLong(2);
                        byTenant.computeIfAbsent(rows.getString(1), t -> new LinkedHashMap<>()).merge(targetKey, n, Long::sum);
                        rowsByTable.merge(targetKey, n, Long::sum);
                    }
                }
                List<GraphNode> nodes = target.graph().descendantsLeafFirst();
                if (!nodes.isEmpty()) {
                    try (PreparedStatement statement = sql.countEligibleDescendants().prepare(connection, values);
                            ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        for (int i = 0; i < nodes.size(); i++) {
                            rowsByTable.merge(nodes.get(i).table().display(), rows.getLong(i + 1), Long::sum);
                        }
                    }
                }
            }
            return new Counts(rowsByTable, byTenant);
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }
}
