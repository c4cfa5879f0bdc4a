package dev.retentioncleanup.differential;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Copies every table's rows (with their {@code _rid}) into plain tables {@code fz_snap.t<id>} before the tool
 * runs, so the oracle works on the data as it was, whatever the runs delete; and reads the live {@code _rid}s.
 */
final class Snapshot {
    static final String SCHEMA = "fz_snap";

    private Snapshot() {
    }

    static String table(int id) {
        return Sql.ident(SCHEMA) + "." + Sql.ident("t" + id);
    }

    static void copy(Connection connection, Scenario scenario) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE SCHEMA " + Sql.ident(SCHEMA));
            for (Table table : scenario.tables()) {
                // SELECT on a partitioned or INHERITS parent includes every partition's and child's rows.
                st.execute("CREATE TABLE " + table(table.id()) + " AS SELECT * FROM " + table.sql());
            }
        }
    }

    /** Live {@code _rid}s by table id. */
    static Map<Integer, Set<Long>> rids(Connection connection, Scenario scenario) throws SQLException {
        Map<Integer, Set<Long>> rids = new LinkedHashMap<>();
        try (Statement st = connection.createStatement()) {
            for (Table table : scenario.tables()) {
                Set<Long> set = new HashSet<>();
                try (ResultSet rs = st.executeQuery("SELECT " + Sql.ident(Table.RID) + " FROM " + table.sql())) {
                    while (rs.next()) {
                        set.add(rs.getLong(1));
                    }
                }
                rids.put(table.id(), set);
            }
        }
        return rids;
    }
}
