package dev.retentioncleanup.execute;

import dev.retentioncleanup.db.ForeignKey;
import dev.retentioncleanup.db.OnDelete;
import dev.retentioncleanup.db.Sql;
import dev.retentioncleanup.db.TableName;
import dev.retentioncleanup.plan.DeleteGraph;
import dev.retentioncleanup.plan.GraphNode;
import dev.retentioncleanup.plan.ParentLink;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.QueryPart;
import org.jooq.impl.DSL;

/**
 * The rows of other tables that reference a partition, and what becomes of them before it is detached (a detach
 * fails while any row references it, and a row delete would have dealt with each of them):
 * <ul>
 * <li>rows of the delete graph in partitions or tables that stay (an email's late events in next month's partition)
 *     hang off rows that all go, so a complete run deletes them too: they go as rows first, when nothing else in the
 *     graph hangs off them and they fit in the transaction's bound;</li>
 * <li>{@code ON DELETE SET NULL / SET DEFAULT} references are rewritten the way the database would on a row
 *     delete (its columns set to NULL or their defaults);</li>
 * <li>any other reference (from outside the graph, or the target's own self-references) keeps the partition for the
 *     row engine.</li>
 * </ul>
 */
final class PartitionReferences {
    private final DeleteGraph graph;
    private final List<ForeignKey> foreignKeys;

    /** @param foreignKeys every declared foreign key into the graph's tables */
    PartitionReferences(DeleteGraph graph, List<ForeignKey> foreignKeys) {
        this.graph = graph;
        this.foreignKeys = List.copyOf(foreignKeys);
    }

    /** Why a partition cannot go now (null: it can), and the links through which rows must go first. */
    record Verdict(String blocker, List<ParentLinkOf> drains) {
    }

    /** A link of the graph, with the table whose rows reference through it. */
    record ParentLinkOf(TableName child, ParentLink link) {
    }

    /** {@code budget}: how many rows may go as rows with the partition. */
    Verdict check(Connection connection, TableName table, TableName partition, long budget) throws SQLException {
        return check(connection, table, partition, budget, Set.of());
    }

    /**
     * As {@link #check(Connection, TableName, TableName, long)}, as if the partitions {@code gone} (and what is below
     * them) were already removed: a dry run, which removes nothing, looks at each partition as the run will find it.
     */
    Verdict check(Connection connection, TableName table, TableName partition, long budget, Set<TableName> gone)
            throws SQLException {
        long left = budget;
        List<ParentLinkOf> drains = new java.util.ArrayList<>();
        for (GraphNode node : graph.descendantsLeafFirst()) {
            for (ParentLink link : node.parents()) {
                if (!link.parent().equals(table)) {
                    continue;
                }
                long found = countReferencing(connection, partition, node.table(), link.childColumns(),
                        link.parentColumns(), left + 1, gone);
                if (found == 0) {
                    continue;
                }
                if (hasChildren(node.table())) {
                    return new Verdict("rows of " + node.table().display() + " that stay elsewhere reference it, and"
                            + " rows hang off them", List.of());
                }
                left -= found;
                if (left < 0) {
                    return new Verdict("more rows that stay elsewhere reference it than --max-rows-per-transaction",
                            List.of());
                }
                drains.add(new ParentLinkOf(node.table(), link));
            }
        }
        for (ForeignKey fk : foreignKeys) {
            if (fk.parent().equals(table) && !nulling(fk) && !inGraph(fk)
                    && countReferencing(connection, partition, fk.child(), fk.childColumns(), fk.parentColumns(), 1,
                            gone) > 0) {
                return new Verdict("rows of " + fk.child().display() + " reference it through " + fk.name()
                        + ", which the delete graph does not follow", List.of());
            }
        }
        return new Verdict(null, drains);
    }

    /**
     * Deletes the graph's rows that reference the partition through the verdict's links; with {@code archive} (null:
     * none), each delete streams its rows into it.
     */
    Map<TableName, Long> deleteGraphReferencers(Connection connection, TableName partition, Verdict verdict,
            ArchiveStep archive) throws SQLException {
        Map<TableName, Long> deleted = new LinkedHashMap<>();
        for (ParentLinkOf drain : verdict.drains()) {
            var delete = DSL.deleteFrom(DSL.table(drain.child().qualifiedName()).as("x"))
                    .where(references(partition, drain.link().childColumns(), drain.link().parentColumns()));
            long n = archive == null ? update(connection, delete)
                    : archive.copy(connection, drain.child(), delete.returning(DSL.asterisk()), List.of(), List.of(),
                            List.of());
            deleted.merge(drain.child(), n, Long::sum);
        }
        return deleted;
    }

    /**
     * Does to the rows that reference the partition through {@code ON DELETE SET NULL / SET DEFAULT} what the database
     * does when a referenced row is deleted: sets the action's columns (all of the key's, or the list PostgreSQL 15
     * allows, {@code pg_constraint.confdelsetcols}) to NULL or to their defaults. Returns the rows changed.
     */
    long rewriteNullingReferences(Connection connection, TableName table, TableName partition) throws SQLException {
        long changed = 0;
        for (ForeignKey fk : foreignKeys) {
            if (fk.parent().equals(table) && nulling(fk)) {
                List<QueryPart> assignments = new java.util.ArrayList<>();
                for (String column : actionColumns(connection, fk)) {
                    assignments.add(DSL.sql("{0} = " + (fk.onDelete() == OnDelete.SET_NULL ? "NULL" : "DEFAULT"),
                            DSL.name(column)));
                }
                changed += update(connection, DSL.query("UPDATE {0} AS r SET {1} WHERE ({2}) IN (SELECT {3} FROM {4} AS p)",
                        DSL.table(fk.child().qualifiedName()), DSL.list(assignments), columns("r", fk.childColumns()),
                        columns("p", fk.parentColumns()), DSL.table(partition.qualifiedName())));
            }
        }
        return changed;
    }

    /** The columns an ON DELETE SET NULL / SET DEFAULT rewrites: its own list when it has one, else the whole key. */
    private static List<String> actionColumns(Connection connection, ForeignKey fk) throws SQLException {
        // confdelsetcols exists from PostgreSQL 15 on: read through to_jsonb so older servers answer null.
        List<String> columns = new java.util.ArrayList<>();
        Sql.forEach(connection, DSL.resultQuery("SELECT a.attname FROM pg_constraint c CROSS JOIN LATERAL"
                + " jsonb_array_elements_text(CASE WHEN jsonb_typeof(to_jsonb(c) -> 'confdelsetcols') = 'array'"
                + " THEN to_jsonb(c) -> 'confdelsetcols' ELSE '[]' END) AS n(attnum) JOIN pg_attribute a"
                + " ON a.attrelid = c.conrelid AND a.attnum = n.attnum::int"
                + " WHERE c.conrelid = to_regclass({0}) AND c.conname = {1} ORDER BY n.attnum::int",
                DSL.val(fk.child().sql()), DSL.val(fk.name())), row -> columns.add(row.getString(1)));
        return columns.isEmpty() ? fk.childColumns() : columns;
    }

    /** Whether any declared foreign key points at {@code table} (then a partition of it must be detached to go). */
    boolean referenced(TableName table) {
        return foreignKeys.stream().anyMatch(fk -> fk.parent().equals(table));
    }

    private static boolean nulling(ForeignKey fk) {
        return fk.onDelete() == OnDelete.SET_NULL || fk.onDelete() == OnDelete.SET_DEFAULT;
    }

    /** A foreign key the graph follows as a link (the target's self-references are not links). */
    private boolean inGraph(ForeignKey fk) {
        return graph.node(fk.child()).map(n -> n.parents().stream().anyMatch(l -> l.parent().equals(fk.parent())
                && l.childColumns().equals(fk.childColumns()))).orElse(false);
    }

    private boolean hasChildren(TableName table) {
        return graph.descendantsLeafFirst().stream()
                .anyMatch(n -> n.parents().stream().anyMatch(l -> l.parent().equals(table)));
    }

    /** Rows of {@code child} that reference the partition, counted up to {@code limit}, from the partition's side. */
    private static long countReferencing(Connection connection, TableName partition, TableName child,
            List<String> childColumns, List<String> parentColumns, long limit, Set<TableName> gone)
            throws SQLException {
        Condition notGone = DSL.noCondition();
        for (TableName removed : gone) {
            notGone = notGone.and(DSL.condition("x.tableoid NOT IN (SELECT relid FROM pg_partition_tree(to_regclass({0})))",
                    DSL.val(removed.sql())));
        }
        return Sql.first(connection, DSL.selectCount().from(DSL.selectOne()
                .from(DSL.table(partition.qualifiedName()).as("p")).join(DSL.table(child.qualifiedName()).as("x"))
                .on(DSL.condition("({0}) = ({1})", columns("x", childColumns), columns("p", parentColumns)))
                .where(notGone)
                .limit(DSL.inline(Math.max(limit, 1)))), row -> row.getLong(1));
    }

    private static Condition references(TableName partition, List<String> childColumns, List<String> parentColumns) {
        return DSL.condition("({0}) IN (SELECT {1} FROM {2} AS p)", columns("x", childColumns),
                columns("p", parentColumns), DSL.table(partition.qualifiedName()));
    }

    private static long update(Connection connection, org.jooq.Query query) throws SQLException {
        return Sql.execute(connection, query);
    }

    private static QueryPart columns(String alias, List<String> names) {
        return DSL.list(Statements.columns(alias, names));
    }
}
