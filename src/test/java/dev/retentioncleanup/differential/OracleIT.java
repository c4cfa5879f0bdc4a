package dev.retentioncleanup.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The oracle checked by hand against docs/what-is-deleted.md, on one small snapshot whose answer is worked out
 * below: if the oracle were wrong, the differential suite would blame the tool for it.
 */
class OracleIT {
    private static final Instant CUTOFF = Instant.parse("2026-01-20T05:00:00Z");
    private static TestDatabase db;

    @BeforeContainer
    static void createDatabase() {
        db = TestDatabase.create("oracle");
    }

    @AfterContainer
    static void dropDatabase() {
        if (db != null) {
            db.drop();
        }
    }

    @Example
    void tenants_get_the_contracts_days_or_are_skipped_with_a_reason() throws Exception {
        try (Connection c = load()) {
            Oracle.Tenants tenants = new Oracle(c, scenario()).tenants();
            // 1: 10 days; 2: NULL -> default 5; 4: 7.2 rounds up to 8; 5: -3 -> min_days 2
            assertThat(tenants.days()).isEqualTo(Map.of("1", 10, "2", 5, "4", 8, "5", 2));
            assertThat(tenants.skipped()).isEqualTo(Map.of("3", "unusable retention value", "6", "keeps everything"));
        }
    }

    @Example
    void held_rows_descendants_and_time_zones_follow_the_contract() throws Exception {
        try (Connection c = load()) {
            Expectation e = new Oracle(c, scenario()).expect(Map.of("1", CUTOFF), "Etc/GMT-14");
            // emails: 1 goes; 2 goes (it references held 3, nothing references it); 3 is held by 4 (kept, younger);
            // 6 is held by 7 and 5 through 6; 8 sits exactly at the cutoff; 9 has no timestamp; 10 has no tenant.
            assertThat(e.gone().get(1)).containsExactlyInAnyOrder(1L, 2L);
            assertThat(e.held()).isEqualTo(Map.of(1, 3L));
            // recipients (CASCADE): 11 under email 1 goes; 12 under held 3 and 14 under held 5 stay; 13 has NULL.
            assertThat(e.gone().get(2)).containsExactly(11L);
            // opens (SET NULL): not followed, stays.
            assertThat(e.gone().get(3)).isEmpty();
            // days (date) in UTC+14: the cutoff is 2026-01-20 19:00 there, so only the 19th (a whole day older) goes.
            assertThat(e.gone().get(4)).containsExactly(31L);
            // wall times (timestamp) in UTC+14: 18:59:59.999999 goes, 19:00:00 stays.
            assertThat(e.gone().get(5)).containsExactly(41L);
            assertThat(e.toolCounts()).isEqualTo(Map.of(1, 2L, 2, 1L, 4, 1L, 5, 1L));
            assertThat(e.targetRows()).isEqualTo(Map.of("1", Map.of(1, 2L, 4, 1L, 5, 1L)));
        }
    }

    /** The snapshot the oracle reads, written by hand (fz_snap.t<id>, as Snapshot would copy it). */
    private static Connection load() throws Exception {
        Connection c = db.connect();
        try (Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS fz_snap CASCADE");
            st.execute("CREATE SCHEMA fz_snap");
            st.execute("CREATE TABLE fz_snap.t0 (id int, retention_days numeric, _rid bigint)");
            st.execute("INSERT INTO fz_snap.t0 VALUES (1, 10, 101), (2, NULL, 102), (3, 'NaN', 103), (4, 7.2, 104),"
                    + " (5, -3, 105), (6, 100001, 106)");
            st.execute("CREATE TABLE fz_snap.t1 (id int, created_at timestamptz, org_id int, reply_to_id int, _rid bigint)");
            String old = "'2026-01-19T05:00:00Z'";
            String young = "'2026-01-21T05:00:00Z'";
            st.execute("INSERT INTO fz_snap.t1 VALUES (1, " + old + ", 1, NULL, 1), (2, " + old + ", 1, 3, 2),"
                    + " (3, " + old + ", 1, NULL, 3), (4, " + young + ", 1, 3, 4), (5, " + old + ", 1, NULL, 5),"
                    + " (6, " + old + ", 1, 5, 6), (7, " + young + ", 1, 6, 7), (8, '2026-01-20T05:00:00Z', 1, NULL, 8),"
                    + " (9, NULL, 1, NULL, 9), (10, " + old + ", NULL, NULL, 10)");
            st.execute("CREATE TABLE fz_snap.t2 (id int, email_id int, _rid bigint)");
            st.execute("INSERT INTO fz_snap.t2 VALUES (1, 1, 11), (2, 3, 12), (3, NULL, 13), (4, 5, 14)");
            st.execute("CREATE TABLE fz_snap.t3 (email_id int, _rid bigint)");
            st.execute("INSERT INTO fz_snap.t3 VALUES (1, 21)");
            st.execute("CREATE TABLE fz_snap.t4 (id int, day date, org_id int, _rid bigint)");
            st.execute("INSERT INTO fz_snap.t4 VALUES (1, '2026-01-19', 1, 31), (2, '2026-01-20', 1, 32)");
            st.execute("CREATE TABLE fz_snap.t5 (id int, at timestamp, org_id int, _rid bigint)");
            st.execute("INSERT INTO fz_snap.t5 VALUES (1, '2026-01-20 18:59:59.999999', 1, 41),"
                    + " (2, '2026-01-20 19:00:00', 1, 42)");
        }
        return c;
    }

    private static Scenario scenario() {
        Column id = new Column("id", "integer", true);
        Column rid = new Column(Table.RID, "bigint", false);
        Column org = new Column("org_id", "integer", false);
        List<Table> tables = List.of(
                table(0, Table.Role.POLICY, List.of(id, new Column("retention_days", "numeric", false), rid)),
                table(1, Table.Role.TARGET, List.of(id, new Column("created_at", TsType.TIMESTAMPTZ.sql, false), org,
                        new Column("reply_to_id", "integer", false), rid)),
                table(2, Table.Role.DESCENDANT, List.of(id, new Column("email_id", "integer", false), rid)),
                table(3, Table.Role.DESCENDANT, List.of(new Column("email_id", "integer", false), rid)),
                table(4, Table.Role.TARGET, List.of(id, new Column("day", TsType.DATE.sql, false), org, rid)),
                table(5, Table.Role.TARGET, List.of(id, new Column("at", TsType.TIMESTAMP.sql, false), org, rid)));
        List<Link> links = List.of(
                link(0, 1, "reply_to_id", 1, OnDelete.NO_ACTION),
                link(1, 2, "email_id", 1, OnDelete.CASCADE),
                link(2, 3, "email_id", 1, OnDelete.SET_NULL));
        Policy policy = new Policy(0, "id", "retention_days", 5, 2);
        List<Target> targets = List.of(target(1, "created_at", TsType.TIMESTAMPTZ), target(4, "day", TsType.DATE),
                target(5, "at", TsType.TIMESTAMP));
        return new Scenario(1, EnumSet.allOf(Family.class), "Etc/GMT-14", "Etc/GMT-14", null, tables, links, policy,
                targets, null);
    }

    private static Table table(int id, Table.Role role, List<Column> columns) {
        return new Table(id, "s", "t" + id, role, columns, List.of(), List.of(), null, List.of());
    }

    private static Link link(int id, int child, String column, int parent, OnDelete action) {
        return new Link(id, "fk_" + id, child, List.of(column), parent, List.of("id"), action, "", true);
    }

    private static Target target(int table, String timestamp, TsType type) {
        return new Target(table, "id", timestamp, type, List.of(new Target.Hop(table, "org_id", 0, "id")), true,
                List.of(), List.of());
    }
}
