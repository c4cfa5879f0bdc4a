package dev.retentioncleanup.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A scenario's rows, by table id in insertion order, and the retention kinds the policy rows got (for the
 * coverage counts).
 */
record Dataset(Map<Integer, List<Row>> rows, List<String> retentionKinds, List<String> ageKinds) {

    /** The data script: one transaction, so every {@code now()} in it is the same instant. */
    List<String> statements(Scenario scenario) {
        List<String> statements = new ArrayList<>();
        // Relative timestamps are computed in the run's zone, as the contract reads wall times.
        statements.add("SET LOCAL TimeZone = " + Sql.literal(scenario.runZone()));
        for (Table table : scenario.tables()) {
            List<Row> tableRows = rows.getOrDefault(table.id(), List.of());
            for (String physical : physicalNames(table, tableRows)) {
                List<Row> these = tableRows.stream().filter(r -> java.util.Objects.equals(r.physical(), physical)).toList();
                if (these.isEmpty()) {
                    continue;
                }
                StringBuilder sql = new StringBuilder("INSERT INTO ")
                        .append(physical == null ? table.sql() : table.childSql(physical)).append(" (");
                List<Column> columns = table.columns();
                for (int i = 0; i < columns.size(); i++) {
                    sql.append(i == 0 ? "" : ", ").append(Sql.ident(columns.get(i).name()));
                }
                sql.append(") VALUES");
                for (int r = 0; r < these.size(); r++) {
                    sql.append(r == 0 ? "\n  (" : ",\n  (");
                    for (int i = 0; i < columns.size(); i++) {
                        String value = these.get(r).value(columns.get(i).name());
                        sql.append(i == 0 ? "" : ", ").append(value == null ? "NULL" : value);
                    }
                    sql.append(')');
                }
                statements.add(sql.toString());
            }
        }
        return statements;
    }

    private static List<String> physicalNames(Table table, List<Row> rows) {
        List<String> names = new ArrayList<>();
        names.add(null);
        names.addAll(table.inheritChildren());
        return names;
    }
}
