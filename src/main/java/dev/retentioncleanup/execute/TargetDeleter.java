package dev.retentioncleanup.execute;

import dev.retentioncleanup.plan.GraphNode;
import dev.retentioncleanup.plan.Plan;
import dev.retentioncleanup.plan.TargetPlan;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes one batch of one target: selects the oldest eligible target rows after the keyset position
 * ({@code FOR UPDATE SKIP LOCKED}), deletes their descendants leaf-first with set-based statements, then
 * the targets, and commits. No transaction deletes more than {@code maxRowsPerTransaction} rows: when the
 * descendants are more, they are drained in committed steps first and the targets go last.
 */
final class TargetDeleter {
    private static final Logger LOG = LoggerFactory.getLogger(TargetDeleter.class);

    private final TargetPlan target;
    private final String targetKey;
    private final BoundSql selectFirst;
    private final BoundSql selectNext;
    private final BoundSql deleteTargets;
    private final BoundSql relockTargets;
    private final List<Descendant> descendants = new ArrayList<>();
    private final TenantArrays tenants;

    private record Descendant(String table, BoundSql delete) {
    }

    TargetDeleter(TargetPlan target, Plan plan) {
        this.target = target;
        this.targetKey = target.table().display();
        Statements sql = new Statements(target);
        this.selectFirst = sql.selectBatch(false);
        this.selectNext = sql.selectBatch(true);
        this.deleteTargets = sql.deleteTargets();
        this.relockTargets = sql.relockTargets();
        for (GraphNode node : target.graph().descendantsLeafFirst()) {
            descendants.add(new Descendant(node.table().display(), sql.deleteDescendants(node)));
        }
        this.tenants = TenantArrays.of(plan);
    }

    /** What one batch did: how many target rows it selected and where the keyset now stands. */
    /**
     * What one batch did: how many target rows it selected, where the keyset now stands, and — over all its
     * committed steps — the rows it deleted and the time it took (what batch sizing learns from).
     */
    record BatchOutcome(int selected, int limit, Keyset last, long rows, Duration took) {
        /** A batch that got fewer rows than it asked for says nothing about how fast a full one is. */
        boolean full() {
            return selected >= limit;
        }
    }

    BatchOutcome deleteBatch(Connection connection, Keyset after, int limit, long maxRowsPerTransaction,
            CommitSink sink) throws SQLException {
        connection.setAutoCommit(false);
        try {
            return inTransactions(connection, after, limit, maxRowsPerTransaction, sink);
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection);
            throw e;
        }
    }

    private BatchOutcome inTransactions(Connection connection, Keyset after, int limit, long maxRowsPerTransaction,
            CommitSink sink) throws SQLException {
        long batchStarted = System.nanoTime();
        long started = batchStarted;
        long rows = 0;
        Map<String, String> tenantByKey = new LinkedHashMap<>();
        Keyset last = select(connection, after, limit, tenantByKey);
        if (tenantByKey.isEmpty()) {
            connection.rollback();
            return new BatchOutcome(0, limit, after, 0, Duration.ZERO);
        }
        int selected = tenantByKey.size();
        List<String> keys = new ArrayList<>(tenantByKey.keySet());
        while (true) {
            Array keyArray = KeyArrays.of(connection, target.keyType(), keys);
            Map<String, Long> step = new LinkedHashMap<>();
            long budget = maxRowsPerTransaction;
            boolean drained = true;
            for (Descendant d : descendants) {
                long deleted = execute(connection, d.delete(), Map.of(Statements.KEYS, keyArray,
                        Statements.LIMIT, (int) Math.min(budget, Integer.MAX_VALUE)));
                step.merge(d.table(), deleted, Long::sum);
                budget -= deleted;
                if (budget <= 0) {
                    drained = false; // more may be left: commit what we have and continue in a new transaction
                    break;
                }
            }
            if (drained && keys.size() <= budget) {
                long deleted = execute(connection, deleteTargets, Map.of(Statements.KEYS, keyArray));
                if (deleted != keys.size()) {
                    LOG.warn("{}: deleted {} of {} locked target rows", targetKey, deleted, keys.size());
                }
                step.merge(targetKey, deleted, Long::sum);
                connection.commit();
                sink.committed(step, countByTenant(keys, tenantByKey), elapsedSince(started));
                rows += total(step);
                return new BatchOutcome(selected, limit, last, rows, elapsedSince(batchStarted));
            }
            connection.commit();
            sink.committed(step, Map.of(), elapsedSince(started));
            rows += total(step);
            started = System.nanoTime();
            keys = relock(connection, keyArray);
            if (keys.isEmpty()) {
                connection.commit();
                return new BatchOutcome(selected, limit, last, rows, elapsedSince(batchStarted));
            }
        }
    }

    /** Whether a batch after {@code after} would find anything; locks nothing for longer than the probe. */
    boolean anyLeft(Connection connection, Keyset after) throws SQLException {
        connection.setAutoCommit(false);
        try {
            Map<String, String> found = new LinkedHashMap<>();
            select(connection, after, 1, found);
            return !found.isEmpty();
        } finally {
            rollbackQuietly(connection);
        }
    }

    private Keyset select(Connection connection, Keyset after, int limit, Map<String, String> tenantByKey)
            throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>(tenants.bind(connection));
        values.put(Statements.LIMIT, limit);
        BoundSql sql = selectFirst;
        if (after != null) {
            sql = selectNext;
            values.put(Statements.AFTER_TIMESTAMP, new BoundSql.Untyped(after.timestamp()));
            values.put(Statements.AFTER_KEY, new BoundSql.Untyped(after.key()));
        }
        Keyset last = after;
        try (PreparedStatement statement = sql.prepare(connection, values);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String key = rows.getString(1);
                tenantByKey.put(key, rows.getString(3));
                last = new Keyset(rows.getString(2), key);
            }
        }
        return last;
    }

    private List<String> relock(Connection connection, Array keyArray) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement statement = relockTargets.prepare(connection, Map.of(Statements.KEYS, keyArray));
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }

    private static long execute(Connection connection, BoundSql sql, Map<String, Object> values) throws SQLException {
        try (PreparedStatement statement = sql.prepare(connection, values)) {
            return statement.executeLargeUpdate();
        }
    }

    private static Map<String, Long> countByTenant(List<String> keys, Map<String, String> tenantByKey) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String key : keys) {
            counts.merge(tenantByKey.get(key), 1L, Long::sum);
        }
        return counts;
    }

    private static long total(Map<String, Long> step) {
        return step.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Duration elapsedSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is likely gone; the server rolls back on its own
        }
    }
}
