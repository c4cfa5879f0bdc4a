package dev.retentioncleanup.execute;

import dev.retentioncleanup.db.ForeignKey;
import dev.retentioncleanup.db.Jooq;
import dev.retentioncleanup.db.OnDelete;
import dev.retentioncleanup.db.TableName;
import dev.retentioncleanup.plan.DeleteGraph;
import dev.retentioncleanup.plan.GraphNode;
import dev.retentioncleanup.plan.ParentLink;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <li>{@code ON DELETE SET NULL / SET DEFAULT} references: the rows they point at go as rows first, so the database
 *     rewrites them exactly as a row delete does;</li>
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

    /** Why the partition cannot go now, or null; {@code budget}: rows that may go as rows with it. */
    String blocker(Connection connection, TableName table, TableName partition, long budget) throws SQLException {
        long left = budget;
        for (GraphNode node : graph.descendantsLeafFirst()) {
            for (ParentLink link : node.parents()) {
                if (!link.parent().equals(table)) {
                    continue;
                }
                long found = countReferencing(connection, partition, node.table(), link.childColumns(),
                        link.parentColumns(), left + 1);
                if (found > 0 && hasChildren(node.table())) {
                    return "rows of " + node.table().display() + " that stay elsewhere reference it, and rows hang"
                            + " off them";
                }
                left -= found;
                if (left < 0) {
                    return "more rows that stay elsewhere reference it than --max-rows-per-transaction";
                }
            }
        }
        for (ForeignKey fk : foreignKeys) {
            if (fk.parent().equals(table) && !nulling(fk) && !inGraph(fk)
                    && countReferencing(connection, partition, fk.child(), fk.childColumns(), fk.parentColumns(), 1) > 0) {
                return "rows of " + fk.child().display() + " reference it through " + fk.name() + ", which the"
                        + " delete graph does not follow";
            }
        }
        return null;
    }

    /** Deletes the graph's rows that reference the partition from elsewhere (see {@link #blocker} first). */
    Map<TableName, Long> deleteGraphReferencers(Connection connection, TableName table, TableName partition)
            throws SQLException {
        Map<TableName, Long> deleted = new LinkedHashMap<>();
        for (GraphNode node : graph.descendantsLeafFirst()) {
            for (ParentLink link : node.parents()) {
                if (link.parent().equals(table)) {
                    long n = update(connection, DSL.deleteFrom(DSL.table(name(node.table())).as("x"))
                            .where(references(partition, link.childColumns(), link.parentColumns())));
                    if (n > 0) {
                        deleted.merge(node.table(), n, Long::sum);
                    }
                }
            }
        }
        return deleted;
    }

    /** Deletes, as rows, the partition's rows that SET NULL / SET DEFAULT references point at. */
    void deleteNullingReferenced(Connection connection, TableName table, TableName partition) throws SQLException {
        for (ForeignKey fk : foreignKeys) {
            if (fk.parent().equals(table) && nulling(fk)) {
                update(connection, DSL.deleteFrom(DSL.table(name(partition)).as("x")).where(DSL.condition(
                        "({0}) IN (SELECT {1} FROM {2} AS r)", columns("x", fk.parentColumns()),
                        columns("r", fk.childColumns()), DSL.table(name(fk.child())))));
            }
        }
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
            List<String> childColumns, List<String> parentColumns, long limit) throws SQLException {
        String sql = Jooq.POSTGRES.renderInlined(DSL.selectCount().from(DSL.selectOne()
                .from(DSL.table(name(partition)).as("p")).join(DSL.table(name(child)).as("x"))
                .on(DSL.condition("({0}) = ({1})", columns("x", childColumns), columns("p", parentColumns)))
                .limit(DSL.inline(Math.max(limit, 1)))));
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Condition references(TableName partition, List<String> childColumns, List<String> parentColumns) {
        return DSL.condition("({0}) IN (SELECT {1} FROM {2} AS p)", columns("x", childColumns),
                columns("p", parentColumns), DSL.table(name(partition)));
    }

    private static long update(Connection connection, org.jooq.Query query) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(Jooq.POSTGRES.renderInlined(query));
        }
    }

    static org.jooq.Name name(TableName table) {
        return DSL.name(table.schema(), table.name());
    }

    static QueryPart columns(String alias, List<String> names) {
        return DSL.list(names.stream().map(c -> DSL.field(DSL.name(alias, c))).toList());
    }
}
