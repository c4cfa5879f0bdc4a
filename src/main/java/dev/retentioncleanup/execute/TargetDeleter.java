package dev.retentioncleanup.execute;

import dev.retentioncleanup.db.Sql;
import dev.retentioncleanup.db.TableName;
import dev.retentioncleanup.plan.GraphNode;
import dev.retentioncleanup.plan.TargetPlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
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
    private final TableName targetKey;
    private final Sql selectFirst;
    private final Sql selectNext;
    private final Sql deleteTargets;
    private final Sql relockTargets;
    private final Sql lockTargets;
    private final Sql selfReferencers;
    private final boolean selfLinked;
    private final List<Descendant> descendants = new ArrayList<>();
    private final CutoffTable cutoffs;
    private final Statements statements;
    /** Null when rows are not archived. */
    private final ArchiveRun archive;

    private record Descendant(GraphNode node, TableName table, Sql delete) {
    }

    TargetDeleter(TargetPlan target, CutoffTable cutoffs, ArchiveRun archive) {
        this.target = target;
        this.targetKey = target.table();
        this.archive = archive;
        Statements sql = new Statements(target);
        this.statements = sql;
        this.selectFirst = sql.selectBatch(false);
        this.selectNext = sql.selectBatch(true);
        this.deleteTargets = sql.deleteTargets();
        this.relockTargets = sql.relockTargets();
        this.selfLinked = !target.graph().selfLinks().isEmpty();
        this.selfReferencers = selfLinked ? sql.selfReferencers() : null;
        this.lockTargets = selfLinked ? sql.lockTargets() : null;
        for (GraphNode node : target.graph().descendantsLeafFirst()) {
            descendants.add(new Descendant(node, node.table(), sql.deleteDescendants(node)));
        }
        this.cutoffs = cutoffs;
    }

    /**
     * What one batch did: how many target rows it selected, where the keyset now stands, how many of them a kept row
     * holds, and — over all its committed steps — the rows it deleted and the time it took (what batch sizing
     * learns from).
     */
    record BatchOutcome(int selected, int limit, Keyset last, long rows, Duration took, int held) {
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
        // Once per batch: the session's cutoff table, once filled, outlives the batch's commits.
        Map<String, Object> eligibility = cutoffs.bind(connection);
        BatchRows batch = new BatchRows(target.keyWithTimestamp());
        Keyset last = select(connection, eligibility, after, limit, batch);
        if (batch.isEmpty()) {
            connection.rollback();
            return new BatchOutcome(0, limit, after, 0, Duration.ZERO, 0);
        }
        int selected = batch.size();
        int held = selfLinked ? holdReferenced(connection, eligibility, batch) : 0;
        while (!batch.isEmpty()) {
            Step step;
            try (ArchiveStep archived = archive == null ? null : archive.step(target)) {
                step = deleteStep(connection, eligibility, batch, maxRowsPerTransaction, archived);
                if (archived != null) {
                    archived.seal(connection); // durable and recorded, or the step rolls back
                }
                connection.commit();
                if (archived != null) {
                    archived.committed();
                }
            }
            sink.committed(step.rows(), step.byTenant(), elapsedSince(started));
            rows += total(step.rows());
            if (step.going() == batch) {
                return new BatchOutcome(selected, limit, last, rows, elapsedSince(batchStarted), held);
            }
            if (step.going() != null) {
                batch.removeAll(step.going());
            }
            started = System.nanoTime();
            batch = relock(connection, eligibility, batch);
            if (selfLinked && step.going() != null) {
                // what references the rest may have changed meanwhile
                held += holdReferenced(connection, eligibility, batch);
            }
        }
        connection.commit();
        return new BatchOutcome(selected, limit, last, rows, elapsedSince(batchStarted), held);
    }

    /** What one transaction deleted: rows per table, the target rows that went (null: none yet) and their tenants. */
    private record Step(Map<TableName, Long> rows, BatchRows going, Map<String, Long> byTenant) {
    }

    /**
     * One transaction's deletes, uncommitted: the batch's descendants leaf-first within the bound, then the targets
     * when all their descendants are gone and they fit. With an archive, each delete streams its rows into it.
     */
    private Step deleteStep(Connection connection, Map<String, Object> eligibility, BatchRows batch,
            long maxRowsPerTransaction, ArchiveStep archived) throws SQLException {
        Map<String, Object> keys = batch.bind(connection, target);
        Map<TableName, Long> step = new LinkedHashMap<>();
        long budget = maxRowsPerTransaction;
        boolean drained = true;
        for (Descendant d : descendants) {
            int bound = (int) Math.min(budget, Integer.MAX_VALUE);
            long deleted;
            if (archived == null) {
                Map<String, Object> values = new LinkedHashMap<>(keys);
                values.put(Statements.LIMIT, bound);
                deleted = d.delete().execute(connection, values);
            } else {
                deleted = archived.delete(connection, d.table(),
                        statements.with(batch.literals(target, bound)).deleteDescendantsReturning(d.node()), batch);
            }
            step.merge(d.table(), deleted, Long::sum);
            budget -= deleted;
            if (budget <= 0) {
                drained = false; // more may be left: commit what we have and continue in a new transaction
                break;
            }
        }
        BatchRows going = null;
        if (drained && batch.size() <= budget) {
            going = batch;
        } else if (drained && selfLinked) {
            // Rows that joined for their self-references made the batch larger than a transaction may delete:
            // the rows that reference others go first, in steps of what the bound leaves.
            going = referencersFirst(connection, eligibility, batch, (int) budget);
        }
        if (going == null) {
            return new Step(step, null, Map.of());
        }
        long deleted = archived == null ? deleteTargets.execute(connection, going.bind(connection, target))
                : archived.delete(connection, targetKey,
                        statements.with(going.literals(target, 0)).deleteTargetsReturning(), going);
        if (deleted != going.size()) {
            LOG.warn("{}: deleted {} of {} locked target rows", targetKey, deleted, going.size());
        }
        step.merge(targetKey, deleted, Long::sum);
        return new Step(step, going, going.countByTenant());
    }

    /**
     * Applies the target's self-references to a locked batch: a row that a non-eligible row references (directly or
     * through other rows) is held and leaves the batch; eligible rows that reference a batch row join it, locked,
     * since the row cannot go before them. A row whose referencers others have locked waits for a later batch.
     *
     * @return how many batch rows are held
     */
    private int holdReferenced(Connection connection, Map<String, Object> eligibility, BatchRows batch)
            throws SQLException {
        Set<String> held = new HashSet<>();
        Map<String, String> joining = new LinkedHashMap<>(); // referencing key -> tenant
        Map<String, Set<String>> rootsOf = new HashMap<>();
        for (Reference reference : referencers(connection, eligibility, batch)) {
            if (reference.tenantIfEligible() == null) {
                held.add(reference.root());
            } else if (!batch.containsKey(reference.referencing())) {
                joining.put(reference.referencing(), reference.tenantIfEligible());
                rootsOf.computeIfAbsent(reference.referencing(), k -> new HashSet<>()).add(reference.root());
            }
        }
        Set<String> waiting = new HashSet<>();
        if (!joining.isEmpty()) {
            Set<String> locked = new HashSet<>(lockKeys(connection, List.copyOf(joining.keySet())));
            joining.forEach((key, tenant) -> {
                if (!locked.contains(key)) {
                    waiting.addAll(rootsOf.get(key));
                }
            });
        }
        Set<String> leaving = new HashSet<>(held);
        leaving.addAll(waiting);
        LOG.debug("{}: self-references hold {}, wait for {}, bring {} into the batch", targetKey, held, waiting,
                joining.keySet());
        batch.removeKeys(leaving);
        // A row that references a staying batch row must go with it; that it also reaches a held one is no matter
        // (deleting a row that references a kept one is fine), and it is not held itself, or so would be every row
        // it reaches.
        joining.forEach((key, tenant) -> {
            if (rootsOf.get(key).stream().anyMatch(root -> !leaving.contains(root))) {
                batch.add(key, null, tenant);
            }
        });
        return (int) held.stream().filter(k -> !waiting.contains(k)).count();
    }

    /**
     * The {@code count} batch rows to delete first: a row that another row of the batch references through the
     * self-links comes after it, since fewer rows reach a referencing row than the row it references.
     */
    private BatchRows referencersFirst(Connection connection, Map<String, Object> eligibility, BatchRows batch,
            int count) throws SQLException {
        Map<String, Integer> reachedBy = new HashMap<>();
        referencers(connection, eligibility, batch).forEach(r -> reachedBy.merge(r.root(), 1, Integer::sum));
        return batch.firstBy(Comparator.comparingInt(key -> reachedBy.getOrDefault(key, 0)), count);
    }

    /** A row that reaches batch row {@code root} through the self-links, and its tenant when it is eligible. */
    private record Reference(String referencing, String root, String tenantIfEligible) {
    }

    private List<Reference> referencers(Connection connection, Map<String, Object> eligibility, BatchRows batch)
            throws SQLException {
        List<Reference> references = new ArrayList<>();
        selfReferencers.forEach(connection, withBatch(connection, eligibility, batch),
                found -> references.add(new Reference(found.getString(1), found.getString(2), found.getString(3))));
        return references;
    }

    private Map<String, Object> withBatch(Connection connection, Map<String, Object> eligibility, BatchRows batch)
            throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>(eligibility);
        values.putAll(batch.bind(connection, target));
        return values;
    }

    private List<String> lockKeys(Connection connection, List<String> keys) throws SQLException {
        List<String> locked = new ArrayList<>();
        Map<String, Object> values = Map.of(Statements.KEYS, KeyArrays.of(connection, target.keyType(), keys));
        lockTargets.forEach(connection, values, row -> locked.add(row.getString(1)));
        return locked;
    }

    /** Whether a batch after {@code after} would find anything; locks nothing for longer than the probe. */
    boolean anyLeft(Connection connection, Keyset after) throws SQLException {
        connection.setAutoCommit(false);
        try {
            BatchRows found = new BatchRows(target.keyWithTimestamp());
            select(connection, cutoffs.bind(connection), after, 1, found);
            return !found.isEmpty();
        } finally {
            rollbackQuietly(connection);
        }
    }

    private Keyset select(Connection connection, Map<String, Object> eligibility, Keyset after, int limit,
            BatchRows batch) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>(eligibility);
        values.put(Statements.LIMIT, limit);
        Sql sql = selectFirst;
        if (after != null) {
            sql = selectNext;
            values.put(Statements.AFTER_TIMESTAMP, new Sql.Untyped(after.timestamp()));
            values.put(Statements.AFTER_KEY, new Sql.Untyped(after.key()));
        }
        Keyset[] last = {after};
        sql.forEach(connection, values, row -> {
            batch.add(row.getString(1), row.getString(2), row.getString(3));
            last[0] = new Keyset(row.getString(2), row.getString(1));
        });
        return last[0];
    }

    /** Takes the batch's rows again after a committed drain step: those still there, still eligible, not held. */
    private BatchRows relock(Connection connection, Map<String, Object> eligibility, BatchRows batch)
            throws SQLException {
        BatchRows kept = new BatchRows(target.keyWithTimestamp());
        relockTargets.forEach(connection, withBatch(connection, eligibility, batch),
                row -> kept.add(row.getString(1), row.getString(2), batch.tenantOf(row.getString(1), row.getString(2))));
        return kept;
    }

    private static long total(Map<TableName, Long> step) {
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
