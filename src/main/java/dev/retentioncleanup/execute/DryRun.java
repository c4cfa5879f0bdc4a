package dev.retentioncleanup.execute;

import dev.retentioncleanup.config.PartitionMode;
import dev.retentioncleanup.db.Sql;
import dev.retentioncleanup.db.TableName;
import dev.retentioncleanup.plan.GraphNode;
import dev.retentioncleanup.plan.Plan;
import dev.retentioncleanup.plan.TargetPlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Record2;
import org.jooq.Select;
import org.jooq.impl.DSL;

/**
 * Counts exactly what a run would delete now, per table and per tenant, inside one
 * {@code READ ONLY, REPEATABLE READ} transaction: it cannot delete, even by bug, and all counts see one snapshot.
 *
 * <p>A table only one target deletes from is counted by that target's statements: its direct children (one column
 * referencing its key) together in one, every other descendant in one of its own. A table several targets delete
 * from (or a target under another target) is deleted once by the run, so it is counted once per row, over the
 * union of the row sets each target would delete.
 */
public final class DryRun {
    private DryRun() {
    }

    /**
     * The counts, with the eligible rows a kept row holds through a self-reference as held, and the partitions a run
     * would remove whole ({@code partitions} says where detached ones go; {@code maxRowsPerTransaction} bounds the
     * rows that would go with each).
     */
    static RunTotals count(Connection connection, Plan plan, PartitionSettings partitions, long maxRowsPerTransaction)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            Cutoffs cutoffs = new CutoffArrays(plan);
            // The session cannot write either: a bug, or anything a statement calls, fails instead of deleting.
            Sql.execute(connection, DSL.query("set session default_transaction_read_only = on"));
            Sql.execute(connection, DSL.query("set transaction isolation level repeatable read, read only"));
            Map<String, Object> values = cutoffs.bind(connection);
            Map<TableName, List<TargetPlan>> deleters = deletersByTable(plan);
            RunTotals totals = new RunTotals(plan);
            Set<TableName> gone = new HashSet<>();
            for (TargetPlan target : plan.targets()) {
                Statements sql = new Statements(target, cutoffs.source());
                if (!target.graph().selfLinks().isEmpty()) {
                    totals.addHeld(target.table(), single(connection, sql.countHeld(), values));
                }
                long[] targetRows = {0};
                sql.countEligibleByTenant().forEach(connection, values, row -> {
                    totals.addTargets(target.table(), row.getString(1), row.getLong(2));
                    targetRows[0] += row.getLong(2);
                });
                if (deleters.get(target.table()).size() == 1) {
                    totals.add(target.table(), targetRows[0]);
                }
                countOwnDescendants(connection, sql, target, deleters, values, totals);
                if (target.partitioning().mode() != PartitionMode.ROWS) {
                    new PartitionRemover(target, sql)
                            .wouldRemove(connection, values, partitions, maxRowsPerTransaction, gone)
                            .forEach(totals::addPartition);
                }
            }
            for (var entry : deleters.entrySet()) {
                if (entry.getValue().size() > 1) {
                    List<Select<Record2<Object, Object>>> rowSets = new ArrayList<>();
                    entry.getValue().forEach(t -> rowSets.add(
                            new Statements(t, cutoffs.source()).eligibleRows(entry.getKey())));
                    totals.add(entry.getKey(), single(connection, Statements.countUnion(rowSets), values));
                }
            }
            return totals;
        } finally {
            try {
                connection.rollback(); // also undoes the session's read-only default, set in this transaction
                connection.setAutoCommit(autoCommit);
            } catch (SQLException broken) {
                // a broken connection must not hide the failure that broke it; the pool discards it
            }
        }
    }

    /** The descendants only this target deletes from: direct children in one statement, the rest one by one. */
    private static void countOwnDescendants(Connection connection, Statements sql, TargetPlan target,
            Map<TableName, List<TargetPlan>> deleters, Map<String, Object> values, RunTotals totals)
            throws SQLException {
        List<GraphNode> directChildren = new ArrayList<>();
        for (GraphNode node : target.graph().descendantsLeafFirst()) {
            if (deleters.get(node.table()).size() > 1) {
                continue;
            }
            if (sql.isDirectChild(node)) {
                directChildren.add(node);
            } else {
                totals.add(node.table(), single(connection, sql.countEligibleDescendants(node), values));
            }
        }
        if (directChildren.isEmpty()) {
            return;
        }
        sql.countEligibleDirectChildren(directChildren).forEach(connection, values,
                row -> totals.add(directChildren.get(row.getInt(1)).table(), row.getLong(2)));
    }

    private static Map<TableName, List<TargetPlan>> deletersByTable(Plan plan) {
        Map<TableName, List<TargetPlan>> deleters = new LinkedHashMap<>();
        for (TargetPlan target : plan.targets()) {
            for (TableName table : target.graph().deleteOrder()) {
                deleters.computeIfAbsent(table, t -> new ArrayList<>()).add(target);
            }
        }
        return deleters;
    }

    private static long single(Connection connection, Sql sql, Map<String, Object> values) throws SQLException {
        return sql.first(connection, values, row -> row.getLong(1));
    }
}
