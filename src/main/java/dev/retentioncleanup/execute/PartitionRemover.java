package dev.retentioncleanup.execute;

import dev.retentioncleanup.archive.ManifestFile;
import dev.retentioncleanup.config.PartitionMode;
import dev.retentioncleanup.db.Partition;
import dev.retentioncleanup.db.PartitionReader;
import dev.retentioncleanup.db.Sql;
import dev.retentioncleanup.db.TableName;
import dev.retentioncleanup.plan.TargetPlan;
import dev.retentioncleanup.result.PartitionRemoval;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.impl.DSL;

/**
 * Removes whole the partitions of a target's graph whose every row a complete run would delete, so that their rows
 * cost no WAL. What stays is left to the row engine, which runs after: the end state is the same row for row.
 *
 * <p>A partition is a candidate when it is not a default partition, holds rows, and no row of it would stay (proven
 * by a query, never from its bounds). Removal proves that again, on every row, in one short transaction that first
 * locks the partition against writers; then what references it is dealt with ({@link PartitionReferences}), and it is
 * dropped (detached first when anything references its table) or detached and moved to the detach schema, all before
 * one commit. Every lock is taken with {@code lock_timeout} = {@code --ddl-lock-timeout}, so the application's queries
 * queue behind it at most that long.
 */
final class PartitionRemover {
    /**
     * Rows of a partition looked at before it becomes a candidate: enough to rule out a live partition at once, few
     * enough that the whole proof is read only once, under the lock.
     */
    private static final int SAMPLE = 1000;

    private final TargetPlan target;
    private final Statements sql;
    private final PartitionMode mode;
    private final PartitionReferences references;

    /** A partition to try to remove, and the table of the graph it belongs to. */
    record Candidate(TableName table, Partition partition) {
        /** As the report lists it once its {@code rows} have gone (or would go) with it. */
        PartitionRemoval removal(PartitionRemoval.Action action, long rows) {
            return new PartitionRemoval(table, partition.name(), action, partition.bound(), rows);
        }
    }

    /**
     * What removing a candidate did: the rows it took (per tenant for a target's partition), the rows of other tables
     * that referenced them and went first as rows, or why it stayed.
     */
    record Removal(Candidate candidate, long rows, Map<String, Long> rowsByTenant, Map<TableName, Long> referencing,
            String keptBecause) {
        static Removal kept(Candidate candidate, String because) {
            return new Removal(candidate, 0, Map.of(), Map.of(), because);
        }

        boolean removed() {
            return keptBecause == null;
        }
    }

    PartitionRemover(TargetPlan target, Statements sql) {
        this.target = target;
        this.sql = sql;
        this.mode = target.partitioning().mode();
        this.references = new PartitionReferences(target.graph(), target.partitioning().foreignKeys());
    }

    /**
     * The partitions to try, leaf tables first (a partition goes only after the rows that reference it), oldest
     * bound first within a table; a sub-partitioned partition whose rows all go is one candidate. Unlocked, and on a
     * sample of each partition's rows: the proof is made, whole, under the lock when it is removed.
     */
    List<Candidate> candidates(Connection connection, Map<String, Object> eligibility) throws SQLException {
        return candidates(connection, eligibility, SAMPLE);
    }

    /**
     * What a dry run lists: the candidates proven on all their rows, that nothing outside keeps (see
     * {@link PartitionReferences#check}) and, to detach, whose name is free in the detach schema, each with its rows. {@code gone}: the partitions listed so far, whose rows a
     * run will have removed by then; this call adds its own. Reads only.
     */
    List<PartitionRemoval> wouldRemove(Connection connection, Map<String, Object> eligibility,
            PartitionSettings settings, long maxRowsPerTransaction, Set<TableName> gone) throws SQLException {
        List<PartitionRemoval> removals = new ArrayList<>();
        for (Candidate candidate : candidates(connection, eligibility, null)) {
            TableName partition = candidate.partition().name();
            boolean nameTaken = mode == PartitionMode.DETACH && Sql.value(connection, DSL.field(
                    "to_regclass({0}) IS NOT NULL", Boolean.class,
                    DSL.val(new TableName(settings.detachSchema(), partition.name()).sql())));
            if (!nameTaken && references.check(connection, candidate.table(), partition, maxRowsPerTransaction, gone)
                    .blocker() == null) {
                removals.add(candidate.removal(action(), countRows(connection, partition)));
                gone.add(partition);
            }
        }
        return removals;
    }

    PartitionRemoval.Action action() {
        return mode == PartitionMode.DROP ? PartitionRemoval.Action.DROPPED : PartitionRemoval.Action.DETACHED;
    }

    private List<Candidate> candidates(Connection connection, Map<String, Object> eligibility, Integer sample)
            throws SQLException {
        List<Candidate> candidates = new ArrayList<>();
        for (TableName table : target.graph().deleteOrder()) {
            PartitionTree tree = new PartitionTree(PartitionReader.read(connection, table));
            for (Partition partition : tree.candidates(table, p -> hasRows(connection, p.name())
                    && !anyRowStays(connection, eligibility, table, p.name(), sample))) {
                candidates.add(new Candidate(table, partition));
            }
        }
        return candidates;
    }

    /**
     * Removes one candidate in one transaction on {@code connection} (autocommit on when called); a target's partition
     * only if its rows fit in {@code targetRowsLeft} (null: no limit). A lock not
     * granted within the DDL lock timeout throws (SQLState 55P03) for the caller to retry; anything found to stay
     * rolls back and comes back as the reason.
     */
    Removal remove(Connection connection, Map<String, Object> eligibility, Candidate candidate,
            PartitionSettings settings, Long targetRowsLeft, long maxRowsPerTransaction, ArchiveStep archive)
            throws SQLException {
        TableName partition = candidate.partition().name();
        connection.setAutoCommit(false);
        try {
            setLocalLockTimeout(connection, settings.ddlLockTimeout());
            execute(connection, DSL.query("LOCK TABLE {0} IN SHARE ROW EXCLUSIVE MODE", partition.qualifiedName()));
            if (anyRowStays(connection, eligibility, candidate.table(), partition, null)) {
                connection.rollback();
                return Removal.kept(candidate, "a row that stays is in it now");
            }
            boolean ofTarget = candidate.table().equals(target.table());
            // Every row of a target's partition was just proven eligible: its rows per tenant add up to all of them.
            Map<String, Long> byTenant = ofTarget ? countByTenant(connection, eligibility, partition) : Map.of();
            long rows = ofTarget ? byTenant.values().stream().mapToLong(Long::longValue).sum()
                    : countRows(connection, partition);
            if (ofTarget && targetRowsLeft != null && rows > targetRowsLeft) {
                connection.rollback();
                return Removal.kept(candidate, "its " + rows + " rows are more than --max-rows leaves");
            }
            PartitionReferences.Verdict verdict = references.check(connection, candidate.table(), partition,
                    maxRowsPerTransaction);
            if (verdict.blocker() != null) {
                connection.rollback();
                return Removal.kept(candidate, verdict.blocker());
            }
            Map<TableName, Long> referencing = references.deleteGraphReferencers(connection, partition, verdict,
                    archive);
            references.rewriteNullingReferences(connection, candidate.table(), partition);
            if (archive != null && mode == PartitionMode.DROP) {
                // What the drop takes goes into the archive first, under the lock that keeps it as proven; filed
                // under the graph's table, into which restore puts the rows back.
                archive.copy(connection, candidate.table(), DSL.selectFrom(DSL.table(partition.qualifiedName())),
                        List.of(), byTenant.keySet(), dropped(connection, candidate.partition()));
            }
            if (mode == PartitionMode.DROP && !references.referenced(candidate.table())) {
                // Nothing references the table: dropping the partition detaches it, with none of the catalog churn
                // of detaching its foreign keys first.
                execute(connection, DSL.query("DROP TABLE {0}", partition.qualifiedName()));
            } else if (mode == PartitionMode.DROP) {
                execute(connection, DSL.query("ALTER TABLE {0} DETACH PARTITION {1}",
                        candidate.partition().parent().qualifiedName(), partition.qualifiedName()));
                execute(connection, DSL.query("DROP TABLE {0}", partition.qualifiedName()));
            } else {
                execute(connection, DSL.query("ALTER TABLE {0} DETACH PARTITION {1}",
                        candidate.partition().parent().qualifiedName(), partition.qualifiedName()));
                moveToDetachSchema(connection, partition, settings.detachSchema());
            }
            if (archive != null) {
                archive.seal(connection);
            }
            connection.commit();
            if (archive != null) {
                archive.committed();
            }
            return new Removal(candidate, rows, byTenant, referencing, null);
        } catch (SQLException e) {
            connection.rollback();
            if ("23503".equals(e.getSQLState())) {
                return Removal.kept(candidate, "rows outside the removed partitions still reference it (they go as rows)");
            }
            if ("42P07".equals(e.getSQLState())) {
                return Removal.kept(candidate, "the detach schema already has a table named " + partition.name());
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The partition and, if it is partitioned, its tree, parents first: what restore creates again. */
    private static List<ManifestFile.DroppedPartition> dropped(Connection connection, Partition root)
            throws SQLException {
        List<Partition> tree = new ArrayList<>(List.of(root));
        if (!root.leaf()) {
            tree.addAll(PartitionReader.read(connection, root.name()));
        }
        List<ManifestFile.DroppedPartition> dropped = new ArrayList<>();
        for (Partition p : tree) {
            String partitionBy = p.leaf() ? null : Sql.value(connection, DSL.field("pg_get_partkeydef(to_regclass({0}))",
                    String.class, DSL.val(p.name().sql())));
            dropped.add(new ManifestFile.DroppedPartition(p.name().schema(), p.name().name(), p.parent().schema(),
                    p.parent().name(), p.bound(), partitionBy));
        }
        return dropped;
    }

    /** A detached table keeps its foreign keys into the live tables: drop them, or the next run sees a child. */
    private static void moveToDetachSchema(Connection connection, TableName partition, String detachSchema)
            throws SQLException {
        List<String> foreignKeys = new ArrayList<>();
        Sql.forEach(connection, DSL.resultQuery("SELECT conname FROM pg_constraint WHERE conrelid = to_regclass({0})"
                + " AND contype = 'f' AND conparentid = 0", DSL.val(partition.sql())), row -> foreignKeys.add(row.getString(1)));
        for (String fk : foreignKeys) {
            execute(connection, DSL.query("ALTER TABLE {0} DROP CONSTRAINT {1}", partition.qualifiedName(), DSL.name(fk)));
        }
        execute(connection, DSL.query("CREATE SCHEMA IF NOT EXISTS {0}", DSL.name(detachSchema)));
        execute(connection, DSL.query("ALTER TABLE {0} SET SCHEMA {1}", partition.qualifiedName(), DSL.name(detachSchema)));
    }

    private static void setLocalLockTimeout(Connection connection, Duration timeout) throws SQLException {
        Sql.value(connection, DSL.field("set_config('lock_timeout', {0}, true)", String.class,
                DSL.val(Math.max(1, timeout.toMillis()) + "ms")));
    }

    private static boolean hasRows(Connection connection, TableName partition) throws SQLException {
        return Sql.value(connection, DSL.field(DSL.exists(DSL.selectOne().from(DSL.table(partition.qualifiedName())))));
    }

    private boolean anyRowStays(Connection connection, Map<String, Object> eligibility, TableName table,
            TableName partition, Integer sample) throws SQLException {
        return sql.anyRowStays(table, partition, sample).first(connection, eligibility, row -> row.getBoolean(1));
    }

    private static long countRows(Connection connection, TableName partition) throws SQLException {
        return Sql.first(connection, DSL.selectCount().from(DSL.table(partition.qualifiedName())), row -> row.getLong(1));
    }

    private Map<String, Long> countByTenant(Connection connection, Map<String, Object> eligibility,
            TableName partition) throws SQLException {
        Map<String, Long> byTenant = new LinkedHashMap<>();
        sql.countPartitionByTenant(partition).forEach(connection, eligibility,
                row -> byTenant.put(row.getString(1), row.getLong(2)));
        return byTenant;
    }

    private static void execute(Connection connection, org.jooq.Query query) throws SQLException {
        Sql.execute(connection, query);
    }

}
