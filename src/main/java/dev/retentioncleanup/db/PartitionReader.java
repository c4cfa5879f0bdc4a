package dev.retentioncleanup.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.impl.DSL;

/** Reads the partition tree below a table as it is now (partitions come and go between runs). */
public final class PartitionReader {
    // inhdetachpending exists from PostgreSQL 14 on: read through to_jsonb so older servers answer false.
    private static final String TREE = """
            SELECT n.nspname, c.relname, pn.nspname, p.relname, t.isleaf,
                   pg_get_expr(c.relpartbound, c.oid),
                   coalesce((to_jsonb(i) ->> 'inhdetachpending')::boolean, false)
            FROM pg_partition_tree(to_regclass({0})) t
            JOIN pg_class c ON c.oid = t.relid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_class p ON p.oid = t.parentrelid
            JOIN pg_namespace pn ON pn.oid = p.relnamespace
            LEFT JOIN pg_inherits i ON i.inhrelid = t.relid AND i.inhparent = t.parentrelid
            WHERE t.level > 0
            ORDER BY t.level, pg_get_expr(c.relpartbound, c.oid), c.relname
            """;

    private PartitionReader() {
    }

    /** Every partition below {@code table}, parents before their partitions; empty when it is not partitioned. */
    public static List<Partition> read(Connection connection, TableName table) throws SQLException {
        List<Partition> partitions = new ArrayList<>();
        Sql.forEach(connection, DSL.resultQuery(TREE, DSL.val(table.sql())), rs -> partitions.add(new Partition(
                new TableName(rs.getString(1), rs.getString(2)), new TableName(rs.getString(3), rs.getString(4)),
                rs.getString(6), rs.getBoolean(5), rs.getBoolean(7))));
        return List.copyOf(partitions);
    }
}
