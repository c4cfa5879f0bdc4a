package dev.retentioncleanup.observe.audit;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.val;

import dev.retentioncleanup.config.ConfigException;
import dev.retentioncleanup.config.TableRef;
import dev.retentioncleanup.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The audit table named by {@code --audit-table}, checked against the catalog at start: it must exist, have the
 * columns of sql/audit.sql with their types, and take INSERT and UPDATE from this role. Anything else is a
 * configuration error (exit 2) raised before anything is deleted. The SQL name it renders comes from the catalog,
 * quoted, never from the flag's text.
 */
public record AuditTable(String schema, String table, boolean hasPartitions, boolean hasArchive) {
    /** Optional (added after the first release): the partitions removed whole, when the table has it. */
    static final String PARTITIONS = "partitions";
    /** Optional (added after the first release): what the run archived, when the table has it. */
    static final String ARCHIVE = "archive";

    /** Column → type as {@code format_type} prints it; sql/audit.sql creates exactly these. */
    static final Map<String, String> COLUMNS = columns();

    private static Map<String, String> columns() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("run_id", "uuid");
        c.put("status", "text");
        c.put("exit_code", "integer");
        c.put("started_at", "timestamp with time zone");
        c.put("finished_at", "timestamp with time zone");
        c.put("rows_deleted", "bigint");
        c.put("batches", "bigint");
        c.put("wal_bytes", "bigint");
        c.put("tables", "jsonb");
        c.put("stop_reason", "text");
        return java.util.Collections.unmodifiableMap(c);
    }

    public static AuditTable verify(Connection connection, TableRef ref) throws SQLException {
        String flag = "--audit-table " + ref.display();
        Found found = Sql.first(connection, DSL.resultQuery("SELECT c.oid, n.nspname, c.relname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass({0}) AND c.relkind IN ('r', 'p')",
                val(ref.display())), row -> new Found(row.getLong(1), row.getString(2), row.getString(3)));
        if (found == null) {
            throw new ConfigException(flag + ": no such table; create it with sql/audit.sql");
        }
        Field<Long> oid = val(found.oid());
        Map<String, String> actual = new TreeMap<>();
        Sql.forEach(connection, DSL.resultQuery("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = {0} AND attnum > 0 AND NOT attisdropped", oid),
                column -> actual.put(column.getString(1), column.getString(2)));
        List<String> problems = COLUMNS.entrySet().stream()
                .filter(e -> !e.getValue().equals(actual.get(e.getKey())))
                .map(e -> actual.containsKey(e.getKey())
                        ? "column " + e.getKey() + " is " + actual.get(e.getKey()) + ", expected " + e.getValue()
                        : "missing column " + e.getKey() + " " + e.getValue())
                .toList();
        if (!problems.isEmpty()) {
            throw new ConfigException(flag + ": not an audit table (" + String.join("; ", problems)
                    + "); create it with sql/audit.sql");
        }
        if (!Sql.value(connection, field("has_table_privilege({0}::oid, 'INSERT') AND has_table_privilege({0}::oid,"
                + " 'UPDATE')", Boolean.class, oid))) {
            throw new ConfigException(flag + ": this role needs INSERT and UPDATE on it (see sql/grants.sql)");
        }
        return new AuditTable(found.schema(), found.name(), "jsonb".equals(actual.get(PARTITIONS)),
                "jsonb".equals(actual.get(ARCHIVE)));
    }

    private record Found(long oid, String schema, String name) {
    }

    /** The table, named from the catalog's names (quoted when rendered). */
    Table<?> asTable() {
        return DSL.table(DSL.name(schema, table));
    }
}
