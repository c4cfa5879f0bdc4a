package dev.retentioncleanup.differential;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The schema of a scenario as plain DDL statements, runnable with psql for a reproduction. */
final class DdlRenderer {
    private DdlRenderer() {
    }

    static List<String> render(Scenario scenario) {
        List<String> statements = new ArrayList<>();
        Set<String> schemas = new LinkedHashSet<>();
        scenario.tables().forEach(t -> schemas.add(t.schema()));
        schemas.forEach(s -> statements.add("CREATE SCHEMA " + Sql.ident(s)));
        for (Table table : scenario.tables()) {
            statements.add(createTable(table));
            if (table.partitioning() != null) {
                partitions(table, table.name(), table.partitioning(), statements);
            }
            for (String child : table.inheritChildren()) {
                statements.add("CREATE TABLE " + table.childSql(child) + " (kid_note text) INHERITS (" + table.sql() + ")");
            }
        }
        // Foreign keys last: an injected cycle references a table created after its own.
        for (Link link : scenario.links()) {
            if (link.declared()) {
                statements.add(foreignKey(scenario, link));
            }
        }
        return statements;
    }

    /** The database's part of a reproduction: its time zone, as new sessions get it. */
    static String timeZoneStatement(Scenario scenario) {
        return "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET TimeZone = %L', current_database(), "
                + Sql.literal(scenario.serverZone()) + "); END $$";
    }

    private static String createTable(Table table) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(table.sql()).append(" (");
        List<String> parts = new ArrayList<>();
        for (Column column : table.columns()) {
            parts.add(Sql.ident(column.name()) + " " + column.type() + (column.notNull() ? " NOT NULL" : ""));
        }
        if (!table.primaryKey().isEmpty()) {
            parts.add("PRIMARY KEY (" + columns(table.primaryKey()) + ")");
        }
        for (List<String> unique : table.uniques()) {
            parts.add("UNIQUE (" + columns(unique) + ")");
        }
        sql.append(String.join(", ", parts)).append(')');
        if (table.partitioning() != null) {
            sql.append(partitionBy(table.partitioning()));
        }
        return sql.toString();
    }

    private static void partitions(Table root, String parentName, Partitioning partitioning, List<String> statements) {
        for (Partitioning.Partition partition : partitioning.partitions()) {
            String name = parentName + "_" + partition.name();
            StringBuilder sql = new StringBuilder("CREATE TABLE ").append(root.childSql(name)).append(" PARTITION OF ")
                    .append(root.childSql(parentName)).append(' ').append(partition.bound());
            if (partition.sub() != null) {
                sql.append(partitionBy(partition.sub()));
            }
            statements.add(sql.toString());
            if (partition.sub() != null) {
                partitions(root, name, partition.sub(), statements);
            }
        }
    }

    private static String partitionBy(Partitioning partitioning) {
        return " PARTITION BY " + partitioning.strategy() + " (" + columns(partitioning.columns()) + ")";
    }

    private static String foreignKey(Scenario scenario, Link link) {
        return "ALTER TABLE " + scenario.table(link.child()).sql() + " ADD CONSTRAINT " + Sql.ident(link.name())
                + " FOREIGN KEY (" + columns(link.childColumns()) + ") REFERENCES " + scenario.table(link.parent()).sql()
                + " (" + columns(link.parentColumns()) + ") ON DELETE " + link.onDelete().sql
                + (link.deferrable().isEmpty() ? "" : " " + link.deferrable());
    }

    static String columns(List<String> names) {
        return names.stream().map(Sql::ident).collect(Collectors.joining(", "));
    }
}
