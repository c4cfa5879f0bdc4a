package dev.retentioncleanup.observe.audit;

import dev.retentioncleanup.config.ConfigException;
import dev.retentioncleanup.config.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import dev.retentioncleanup.db.Jooq;
import org.jooq.impl.DSL;

/**
 * The audit table named by {@code --audit-table}, checked against the catalog at start: it must exist, have the
 * columns of sql/audit.sql with their types, and take INSERT and UPDATE from this role. Anything else is a
 * configuration error (exit 2) raised before anything is deleted. The SQL name it renders comes from the catalog,
 * quoted, never from the flag's text.
 */
public record AuditTable(String schema, String table) {
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
        Long oid = null;
        String schema = null;
        String table = null;
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT c.oid, n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE c.oid = to_regclass(?) AND c.relkind IN ('r', 'p')")) {
            ps.setString(1, ref.display());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    oid = rs.getLong(1);
                    schema = rs.getString(2);
                    table = rs.getString(3);
                }
            }
        }
        if (oid == null) {
            throw new ConfigException(flag + ": no such table; create it with sql/audit.sql");
        }
        Map<String, String> actual = new TreeMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
                        + "WHERE attrelid = ? AND attnum > 0 AND NOT attisdropped")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    actual.put(rs.getString(1), rs.getString(2));
                }
            }
        }
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
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT has_table_privilege(?::oid, 'INSERT'), has_table_privilege(?::oid, 'UPDATE')")) {
            ps.setLong(1, oid);
            ps.setLong(2, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1) || !rs.getBoolean(2)) {
                    throw new ConfigException(flag + ": this role needs INSERT and UPDATE on it (see sql/grants.sql)");
                }
            }
        }
        return new AuditTable(schema, table);
    }

    /** {@code "schema"."table"}, quoted from the catalog's names. */
    String sqlName() {
        return Jooq.POSTGRES.render(DSL.name(schema, table));
    }
}
