package dev.retentioncleanup.differential;

import java.util.List;

/**
 * A generated table. Every table has the hidden column {@code _rid bigint}: a row identity unique across the
 * try, with no constraint, so the harness can diff rows without trusting any key the tool uses.
 *
 * @param keys            referencable column sets: the primary key first (if any), then unique constraints
 * @param inheritChildren names of tables created {@code INHERITS} this one, in the same schema
 */
record Table(int id, String schema, String name, Role role, List<Column> columns, List<String> primaryKey,
        List<List<String>> uniques, Partitioning partitioning, List<String> inheritChildren) {

    static final String RID = "_rid";

    enum Role { POLICY, HOP, TARGET, DESCENDANT, SKIPPED }

    Column column(String column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(display() + " has no column " + column));
    }

    List<List<String>> keys() {
        List<List<String>> keys = new java.util.ArrayList<>();
        if (!primaryKey.isEmpty()) {
            keys.add(primaryKey);
        }
        keys.addAll(uniques);
        return keys;
    }

    /** {@code schema.name} unquoted, as the tool's report names tables. */
    String display() {
        return schema + "." + name;
    }

    String sql() {
        return Sql.ident(schema) + "." + Sql.ident(name);
    }

    String childSql(String child) {
        return Sql.ident(schema) + "." + Sql.ident(child);
    }
}
