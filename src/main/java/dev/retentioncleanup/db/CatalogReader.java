package dev.retentioncleanup.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.QueryPart;
import org.jooq.impl.DSL;

/**
 * Reads tables, columns, foreign keys and indexes of all user schemas from {@code pg_catalog}
 * (information_schema hides objects the role has no privilege on, and is slow on big schemas).
 *
 * <p>Partitioned tables appear once, as their root: partitions ({@code relispartition}) are not listed,
 * a foreign key declared on or pointing at a partition is attributed to its root, and the per-partition
 * clones of a partitioned foreign key ({@code conparentid <> 0}) are skipped. Needs PostgreSQL 12+.
 *
 * <p>No query here takes a table lock (sizes come from {@code relpages}, not
 * {@code pg_total_relation_size}), so reading never queues behind a migration's ACCESS EXCLUSIVE lock.
 *
 * <p>The queries are jOOQ plain-SQL templates ({@code {0}} is the shared {@code user_tables} CTE), rendered once.
 */
public final class CatalogReader {
    private static final QueryPart USER_TABLES = DSL.sql("""
            user_tables AS (
                SELECT c.oid, n.nspname::text AS schema, c.relname::text AS name, c.relkind
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
                  AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
            )""");

    private static final Sql TABLES = Sql.of(DSL.resultQuery("""
            WITH RECURSIVE {0}, tree(root, rel) AS (
                SELECT oid, oid FROM user_tables
                UNION ALL
                SELECT tree.root, i.inhrelid FROM tree
                JOIN pg_inherits i ON i.inhparent = tree.rel
                JOIN pg_class part ON part.oid = i.inhrelid AND part.relispartition
            ), sizes AS (
                SELECT tree.root,
                       sum(c.relpages::bigint + coalesce(toast.relpages, 0) + coalesce(ix.pages, 0))
                           * current_setting('block_size')::bigint AS bytes,
                       sum(c.reltuples) FILTER (WHERE c.relkind <> 'p' AND c.reltuples >= 0) AS reltuples
                FROM tree
                JOIN pg_class c ON c.oid = tree.rel
                LEFT JOIN pg_class toast ON toast.oid = c.reltoastrelid
                LEFT JOIN LATERAL (SELECT sum(ic.relpages) AS pages FROM pg_index i
                                   JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = c.oid) ix ON true
                GROUP BY tree.root
            )
            SELECT t.oid, t.schema, t.name, coalesce(s.reltuples::bigint, -1), coalesce(s.bytes, 0),
                   CASE WHEN t.relkind = 'p' THEN 'PARTITIONED'
                        WHEN EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhparent = t.oid) THEN 'INHERITED'
                        ELSE 'PLAIN' END
            FROM user_tables t LEFT JOIN sizes s ON s.root = t.oid
            ORDER BY t.schema, t.name
            """, USER_TABLES));

    private static final Sql COLUMNS = Sql.of(DSL.resultQuery("""
            WITH {0}
            SELECT a.attrelid, a.attname::text, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, a.attnum
            FROM pg_attribute a JOIN user_tables t ON t.oid = a.attrelid
            WHERE a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attrelid, a.attnum
            """, USER_TABLES));

    /** Key columns only ({@code indnkeyatts} leaves out INCLUDE); attnum 0 is an expression → NULL. */
    private static final Sql INDEXES = Sql.of(DSL.resultQuery("""
            WITH {0}
            SELECT i.indrelid, ic.relname::text, am.amname::text, i.indisunique, i.indisprimary,
                   i.indpred IS NOT NULL, i.indisvalid AND i.indisready,
                   ARRAY(SELECT a.attname::text
                         FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                         LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum <> 0
                         WHERE k.ord <= i.indnkeyatts ORDER BY k.ord)
            FROM pg_index i
            JOIN user_tables t ON t.oid = i.indrelid
            JOIN pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_am am ON am.oid = ic.relam
            ORDER BY i.indrelid, ic.relname
            """, USER_TABLES));

    private static final Sql FOREIGN_KEYS = Sql.of(DSL.resultQuery("""
            WITH {0}, fk AS (
                SELECT con.conname::text AS name, con.confdeltype::text AS action,
                       coalesce(pg_partition_root(con.conrelid)::oid, con.conrelid) AS child,
                       coalesce(pg_partition_root(con.confrelid)::oid, con.confrelid) AS parent,
                       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                             ORDER BY k.ord) AS child_columns,
                       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                             ORDER BY k.ord) AS parent_columns
                FROM pg_constraint con
                WHERE con.contype = 'f' AND con.conparentid = 0
            )
            SELECT fk.name, fk.child, fk.parent, fk.action, fk.child_columns, fk.parent_columns
            FROM fk JOIN user_tables c ON c.oid = fk.child JOIN user_tables p ON p.oid = fk.parent
            ORDER BY fk.child, fk.name
            """, USER_TABLES));

    private CatalogReader() {
    }

    /**
     * Reads in one REPEATABLE READ, READ ONLY transaction so all parts come from the same snapshot; when
     * the connection is already in a transaction (autocommit off) it reads in that one instead.
     */
    public static Catalog read(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            return readIn(connection);
        }
        int isolation = connection.getTransactionIsolation();
        boolean readOnly = connection.isReadOnly();
        connection.setAutoCommit(false);
        try {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            Catalog catalog = readIn(connection);
            connection.commit();
            return catalog;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
            connection.setReadOnly(readOnly);
            connection.setTransactionIsolation(isolation);
        }
    }

    private static Catalog readIn(Connection c) throws SQLException {
        List<String> searchPath = Sql.first(c, DSL.select(DSL.field("current_schemas(false)::text[]")),
                rs -> strings(rs.getArray(1)));
        Map<Long, TableName> names = new HashMap<>();
        Map<Long, TableStats> stats = new HashMap<>();
        TABLES.forEach(c, rs -> {
            names.put(rs.getLong(1), new TableName(rs.getString(2), rs.getString(3)));
            stats.put(rs.getLong(1), new TableStats(rs.getLong(4), rs.getLong(5), TableInfo.Storage.valueOf(rs.getString(6))));
        });
        Map<Long, List<ColumnInfo>> columns = new HashMap<>();
        COLUMNS.forEach(c, rs -> columns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                .add(new ColumnInfo(rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getInt(5))));
        List<IndexInfo> indexes = new ArrayList<>();
        INDEXES.forEach(c, rs -> indexes.add(new IndexInfo(rs.getString(2), names.get(rs.getLong(1)),
                strings(rs.getArray(8)), rs.getBoolean(4), rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7),
                rs.getString(3))));
        List<ForeignKey> foreignKeys = new ArrayList<>();
        FOREIGN_KEYS.forEach(c, rs -> foreignKeys.add(new ForeignKey(rs.getString(1), names.get(rs.getLong(2)),
                strings(rs.getArray(5)), names.get(rs.getLong(3)), strings(rs.getArray(6)),
                OnDelete.fromCode(rs.getString(4)))));
        List<TableInfo> tables = new ArrayList<>();
        names.forEach((oid, name) -> tables.add(new TableInfo(name, columns.getOrDefault(oid, List.of()),
                stats.get(oid).rows(), stats.get(oid).bytes(), stats.get(oid).storage())));
        return new Catalog(searchPath, tables, foreignKeys, indexes);
    }

    private record TableStats(long rows, long bytes, TableInfo.Storage storage) {
    }

    private static List<String> strings(Array array) throws SQLException {
        try {
            return Arrays.asList((String[]) array.getArray());
        } finally {
            array.free();
        }
    }
}
