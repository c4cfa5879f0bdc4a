package dev.retentioncleanup.differential;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * docs/what-is-deleted.md written again, independently of the tool, in plain SQL over the snapshot copies
 * ({@link Snapshot}): tenants and their days, eligible target rows per column type and zone, held rows (a
 * recursive fixpoint over the target's self-references), the descendant closure of each target's graph, and the
 * database's own cascades into skipped children. It shares nothing with the tool but the scenario model and the
 * cutoffs, which must come from the tool's report because the tool's {@code now()} is not the oracle's.
 */
final class Oracle {
    private final Connection connection;
    private final Scenario scenario;

    Oracle(Connection connection, Scenario scenario) {
        this.connection = connection;
        this.scenario = scenario;
    }

    /** Tenants with the days the contract applies, and the skipped ones with their reason. */
    record Tenants(Map<String, Integer> days, Map<String, String> skipped) {
    }

    Tenants tenants() throws SQLException {
        Policy policy = scenario.policy();
        String r = "p." + Sql.ident(policy.retention());
        String min = Integer.toString(policy.effectiveMinDays());
        String whenNull = policy.defaultDays() == null ? "NULL" : "greatest(" + policy.defaultDays() + ", " + min + ")";
        String unusable = r + " IN ('NaN'::numeric, 'Infinity'::numeric, '-Infinity'::numeric)";
        String sql = "SELECT p." + Sql.ident(policy.key()) + "::text,"
                + " CASE WHEN " + r + " IS NULL THEN " + whenNull
                + " WHEN " + unusable + " OR " + r + " > 100000 THEN NULL"
                + " ELSE greatest(ceil(" + r + "), " + min + ") END::int,"
                + " CASE WHEN " + r + " IS NULL THEN 'no retention and no default_days'"
                + " WHEN " + unusable + " THEN 'unusable retention value'"
                + " WHEN " + r + " > 100000 THEN 'keeps everything' END"
                + " FROM " + Snapshot.table(policy.table()) + " p";
        Map<String, Integer> days = new TreeMap<>();
        Map<String, String> skipped = new TreeMap<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                int d = rs.getInt(2);
                if (rs.wasNull()) {
                    skipped.put(rs.getString(1), rs.getString(3));
                } else {
                    days.put(rs.getString(1), d);
                }
            }
        }
        return new Tenants(days, skipped);
    }

    /**
     * Every tenant's cutoff as the contract defines it: the run's {@code now()} minus the tenant's days, counted in
     * the calendar of the run's zone.
     */
    Map<String, Instant> cutoffs(Instant now, Tenants tenants, String zone) throws SQLException {
        Map<String, Instant> cutoffs = new TreeMap<>();
        String sql = "SELECT timezone(?, timezone(?, ?::timestamptz) - make_interval(days => ?))";
        Map<Integer, Instant> byDays = new java.util.HashMap<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            for (var e : tenants.days().entrySet()) {
                Instant cutoff = byDays.get(e.getValue());
                if (cutoff == null) {
                    st.setString(1, zone);
                    st.setString(2, zone);
                    st.setString(3, now.toString());
                    st.setInt(4, e.getValue());
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        cutoff = rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
                    }
                    byDays.put(e.getValue(), cutoff);
                }
                cutoffs.put(e.getKey(), cutoff);
            }
        }
        return cutoffs;
    }

    Expectation expect(Map<String, Instant> cutoffs, String zone) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TEMP TABLE o_cutoff (tenant text PRIMARY KEY, cutoff timestamptz) ON COMMIT DROP");
            st.execute("CREATE TEMP TABLE o_elig (target int, rid bigint, tenant text, PRIMARY KEY (target, rid)) ON COMMIT DROP");
            st.execute("CREATE TEMP TABLE o_held (target int, rid bigint, PRIMARY KEY (target, rid)) ON COMMIT DROP");
            st.execute("CREATE TEMP TABLE o_doomed (target int, tbl int, rid bigint, PRIMARY KEY (target, tbl, rid)) ON COMMIT DROP");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO o_cutoff VALUES (?, ?::timestamptz)")) {
                for (var e : cutoffs.entrySet()) {
                    insert.setString(1, e.getKey());
                    insert.setString(2, e.getValue().toString());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            for (int k = 0; k < scenario.targets().size(); k++) {
                Target target = scenario.targets().get(k);
                st.executeUpdate(eligible(k, target, zone));
                String held = held(k, target);
                if (held != null) {
                    st.executeUpdate(held);
                }
                st.executeUpdate("INSERT INTO o_doomed SELECT target, " + target.table() + ", rid FROM o_elig e"
                        + " WHERE target = " + k + " AND NOT EXISTS (SELECT 1 FROM o_held h WHERE h.target = e.target AND h.rid = e.rid)");
                closure(st, k, TargetGraph.of(scenario, target).links());
            }
            databaseCascades(st);
            return read(st);
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Target rows whose tenant path resolves to a tenant with a cutoff, and whose age is older than it. */
    private String eligible(int k, Target target, String zone) {
        StringBuilder from = new StringBuilder(Snapshot.table(target.table()) + " t");
        String previous = "t";
        List<Target.Hop> hops = target.hops();
        for (int i = 0; i < hops.size() - 1; i++) {
            String alias = "h" + (i + 1);
            from.append(" JOIN ").append(Snapshot.table(hops.get(i).to())).append(' ').append(alias).append(" ON ")
                    .append(alias).append('.').append(Sql.ident(hops.get(i).toColumn())).append(" = ").append(previous)
                    .append('.').append(Sql.ident(hops.get(i).column()));
            previous = alias;
        }
        String tenant = previous + "." + Sql.ident(hops.get(hops.size() - 1).column()) + "::text";
        from.append(" JOIN o_cutoff c ON c.tenant = ").append(tenant);
        String ts = "t." + Sql.ident(target.timestamp());
        String bound = switch (target.tsType()) {
            case TIMESTAMPTZ -> "c.cutoff";
            case TIMESTAMP -> "(c.cutoff AT TIME ZONE " + Sql.literal(zone) + ")";
            case DATE -> "(c.cutoff AT TIME ZONE " + Sql.literal(zone) + ")::date";
        };
        return "INSERT INTO o_elig SELECT " + k + ", t." + Sql.ident(Table.RID) + ", c.tenant FROM " + from
                + " WHERE " + ts + " IS NOT NULL AND " + ts + " < " + bound;
    }

    /**
     * Eligible rows referenced by a non-eligible row through a self-reference, directly or through a chain of
     * eligible rows (SET NULL / SET DEFAULT self-references hold nothing). Null when the target has none.
     */
    private String held(int k, Target target) {
        List<String> conditions = new ArrayList<>();
        for (Link link : scenario.links()) {
            if (link.selfReference() && link.child() == target.table() && link.onDelete().followed()) {
                conditions.add("(" + join("c", link.childColumns(), "p", link.parentColumns()) + ")");
            }
        }
        if (conditions.isEmpty()) {
            return null;
        }
        String table = Snapshot.table(target.table());
        String rid = Sql.ident(Table.RID);
        String references = String.join(" OR ", conditions);
        return "INSERT INTO o_held WITH RECURSIVE e AS (SELECT rid FROM o_elig WHERE target = " + k + "),"
                + " held(rid) AS ("
                + " SELECT p." + rid + " FROM " + table + " p JOIN " + table + " c ON " + references
                + " WHERE p." + rid + " IN (SELECT rid FROM e) AND c." + rid + " NOT IN (SELECT rid FROM e)"
                + " UNION"
                + " SELECT p." + rid + " FROM " + table + " p JOIN " + table + " c ON " + references
                + " JOIN held h ON h.rid = c." + rid + " WHERE p." + rid + " IN (SELECT rid FROM e))"
                + " SELECT " + k + ", rid FROM held";
    }

    /** Rows referencing a doomed row through any link of the graph, until nothing more is found. */
    private void closure(Statement st, int k, List<Link> links) throws SQLException {
        int added = 1;
        while (added > 0) {
            added = 0;
            for (Link link : links) {
                added += st.executeUpdate(follow(k, k, link));
            }
        }
    }

    /** Skipped children are the database's business: a CASCADE key deletes their rows when a parent row goes. */
    private void databaseCascades(Statement st) throws SQLException {
        for (Link link : scenario.links()) {
            if (link.declared() && link.onDelete() == OnDelete.CASCADE
                    && scenario.table(link.child()).role() == Table.Role.SKIPPED) {
                st.executeUpdate(follow(-1, null, link));
            }
        }
    }

    /** Inserts the child rows of {@code link} whose parent row is doomed (by target {@code k}, or by any). */
    private String follow(int into, Integer k, Link link) {
        String rid = Sql.ident(Table.RID);
        return "INSERT INTO o_doomed SELECT DISTINCT " + into + ", " + link.child() + ", c." + rid
                + " FROM " + Snapshot.table(link.child()) + " c JOIN " + Snapshot.table(link.parent()) + " p ON "
                + join("c", link.childColumns(), "p", link.parentColumns())
                + " JOIN o_doomed d ON d.tbl = " + link.parent() + " AND d.rid = p." + rid
                + (k == null ? "" : " AND d.target = " + k)
                + " ON CONFLICT DO NOTHING";
    }

    /** Equality on every column: a NULL in any of them matches nothing. */
    private static String join(String child, List<String> childColumns, String parent, List<String> parentColumns) {
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < childColumns.size(); i++) {
            terms.add(child + "." + Sql.ident(childColumns.get(i)) + " = " + parent + "." + Sql.ident(parentColumns.get(i)));
        }
        return String.join(" AND ", terms);
    }

    private Expectation read(Statement st) throws SQLException {
        Map<Integer, Set<Long>> gone = new LinkedHashMap<>();
        scenario.tables().forEach(t -> gone.put(t.id(), new HashSet<>()));
        try (ResultSet rs = st.executeQuery("SELECT DISTINCT tbl, rid FROM o_doomed")) {
            while (rs.next()) {
                gone.get(rs.getInt(1)).add(rs.getLong(2));
            }
        }
        Map<Integer, Long> toolCounts = new TreeMap<>();
        for (Target target : scenario.targets()) {
            TargetGraph.of(scenario, target).tables().forEach(t -> toolCounts.put(t, 0L));
        }
        try (ResultSet rs = st.executeQuery("SELECT tbl, count(DISTINCT rid) FROM o_doomed WHERE target >= 0 GROUP BY tbl")) {
            while (rs.next()) {
                toolCounts.put(rs.getInt(1), rs.getLong(2));
            }
        }
        Map<Integer, Long> held = new TreeMap<>();
        try (ResultSet rs = st.executeQuery("SELECT target, count(*) FROM o_held GROUP BY target")) {
            while (rs.next()) {
                held.put(scenario.targets().get(rs.getInt(1)).table(), rs.getLong(2));
            }
        }
        Map<String, Map<Integer, Long>> targetRows = new TreeMap<>();
        try (ResultSet rs = st.executeQuery("SELECT tenant, target, count(*) FROM o_elig e WHERE NOT EXISTS"
                + " (SELECT 1 FROM o_held h WHERE h.target = e.target AND h.rid = e.rid) GROUP BY tenant, target")) {
            while (rs.next()) {
                targetRows.computeIfAbsent(rs.getString(1), t -> new TreeMap<>())
                        .put(scenario.targets().get(rs.getInt(2)).table(), rs.getLong(3));
            }
        }
        return new Expectation(gone, toolCounts, held, targetRows);
    }
}
