package dev.retentioncleanup.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retentioncleanup.testing.ArchiveContents;
import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code partitions: drop | detach} against {@code partitions: rows}: the same data in two databases, one run of
 * each, and the end states compared row for row through every root table. The partitions that vanished must be
 * exactly the ones the report lists, and none of them may be a default or an empty partition.
 */
@ExtendWith(FreshDatabaseExtension.class)
class PartitionDropIT {
    private TestDatabase rowsDb;
    private Instant now;

    @BeforeEach
    void second_database(TestDatabase db) {
        rowsDb = TestDatabase.create("rows");
        now = Runs.databaseNow(db).truncatedTo(ChronoUnit.SECONDS);
    }

    @AfterEach
    void drop_second_database() {
        rowsDb.drop();
    }

    private static final String POLICY = "policy: {table: orgs, key: id, retention_days: retention_days}\n";

    /**
     * Monthly emails with a default partition; recipients aligned with their email's month (CASCADE); events
     * partitioned by their own time (NO ACTION), so an email's late events sit in the next month; suppressions
     * outlive emails (SET NULL). Org 3 has no policy and one old email: its month must stay.
     */
    @Test
    void monthly_partitions_whose_rows_all_go_are_dropped_and_the_end_state_is_the_row_engines(TestDatabase db,
            @TempDir Path dir) {
        String sql = monthlyData();
        Compared compared = compare(db, dir, sql, "drop");

        assertThat(compared.removed).as("some old months go whole").isNotEmpty();
        assertThat(compared.removed).noneMatch(p -> p.endsWith("_default"));
        assertThat(compared.after).contains("public.emails_default", "public.events_default");
        assertThat(compared.after).as("next month is empty: never dropped").contains("public.emails_" + month(1));
        assertThat(compared.after).as("org 3's old email keeps its month")
                .contains("public.emails_" + monthOf(ago(200)));
        assertThat(compared.removed).as("months wholly past every policy go")
                .contains("public.emails_" + monthOf(ago(150)), "public.recipients_" + monthOf(ago(150)));
        assertThat(db.queryLong("SELECT count(*) FROM suppressions WHERE email_id IS NULL"))
                .as("the dropped emails' suppressions are nulled, as a row delete does")
                .isEqualTo(rowsDb.queryLong("SELECT count(*) FROM suppressions WHERE email_id IS NULL")).isPositive();
    }

    /** The monthly schema with 250 emails over 3 orgs, their recipients, events (some late) and suppressions. */
    private String monthlyData() {
        return monthlySchema() + """
                INSERT INTO orgs VALUES (1, 20), (2, 60), (3, NULL);
                """ + emails(250, 3, "1 + (i % 2)") + """
                INSERT INTO emails VALUES (100000, 3, '%s'), (100001, 1, '%s');
                INSERT INTO recipients SELECT id * 10, id, created_at FROM emails;
                INSERT INTO events SELECT id * 10, id, created_at, created_at + interval '1 hour' FROM emails;
                INSERT INTO events SELECT id * 10 + 1, id, created_at, created_at + interval '40 hours' FROM emails;
                INSERT INTO suppressions SELECT id, id, created_at FROM emails WHERE id %% 5 = 0;
                """.formatted(ago(200), ago(400));
    }

    /**
     * With an archive, a partition dropped whole goes into the archive first (one COPY under the removal's lock), and
     * the rows drained around it too: the archive holds exactly what vanished, the end state is the row engine's.
     */
    @Test
    void with_an_archive_dropped_partitions_and_drained_rows_are_archived_first(TestDatabase db, @TempDir Path dir) {
        // Forwards reference emails through two links, so a partition's removal drains them in two deletes: one
        // file of the table in that transaction must hold both.
        String sql = monthlyData() + """
                CREATE TABLE forwards (id bigint PRIMARY KEY, email_id bigint, email_created_at timestamptz,
                                       orig_id bigint, orig_created_at timestamptz,
                                       FOREIGN KEY (email_id, email_created_at) REFERENCES emails,
                                       FOREIGN KEY (orig_id, orig_created_at) REFERENCES emails);
                CREATE INDEX ON forwards (email_id, email_created_at);
                CREATE INDEX ON forwards (orig_id, orig_created_at);
                INSERT INTO forwards SELECT id, id, created_at, NULL, NULL FROM emails WHERE id % 3 = 0;
                INSERT INTO forwards SELECT id + 1000000, NULL, NULL, id, created_at FROM emails WHERE id % 3 = 1;
                """;
        String fresh = "DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS retention_detached CASCADE;\n";
        db.execute(fresh + sql);
        rowsDb.execute(fresh + sql);
        List<String> tables = List.of("emails", "recipients", "events", "forwards");
        Map<String, List<String>> before = ArchiveContents.rows(db, tables, "");
        Set<String> partitionsBefore = partitions(db);
        String target = "targets:\n  - {table: emails, key: id, timestamp: created_at, tenant: [org_id -> orgs.id],"
                + " partitions: %s}\n";
        Path archive = dir.resolve("archive");

        Runs.Outcome hybrid = Runs.run(db, dir, Runs.config(dir, POLICY + target.formatted("drop")), "--archive-dir",
                archive.toString());
        Runs.Outcome rows = Runs.run(rowsDb, dir, Runs.config(dir, POLICY + target.formatted("rows")));

        assertThat(hybrid.exitCode()).as(hybrid.describe()).isZero();
        assertThat(rows.exitCode()).as(rows.describe()).isZero();
        Map<String, String> hashes = new TreeMap<>(rootHashes(db));
        assertThat(hashes.remove("retention_archive_outbox")).as("the outbox, emptied").endsWith(":0");
        assertThat(hashes).as("end state, row for row").isEqualTo(rootHashes(rowsDb));
        assertThat(hybrid.report().field("partitions")).as("partitions went whole").isNotEmpty();
        assertThat(hybrid.report().tables()).isEqualTo(rows.report().tables());
        String runId = hybrid.report().field("run_id").asText();
        ArchiveContents.load(db, archive, List.of(runId), tables);
        Map<String, List<String>> after = ArchiveContents.rows(db, tables, "");
        Map<String, List<String>> archived = ArchiveContents.rows(db, tables, "arch_");
        for (String table : tables) {
            assertThat(archived.get(table)).as("archived rows of %s", table)
                    .containsExactlyInAnyOrderElementsOf(ArchiveContents.minus(before.get(table), after.get(table)));
        }
        CliResult verify = CliRunner.run("verify-archive", "--archive-dir", archive.toString());
        assertThat(verify.exitCode()).as(verify.out()).isZero();

        // Restore creates the dropped partitions again (bounds from the manifest), then puts every row back.
        CliResult restored = CliRunner.run("restore", "--config", Runs.config(dir, POLICY + target.formatted("drop"))
                .toString(), "--db-url", db.jdbcUrl(), "--archive-dir", archive.toString(), "--run-id", runId);
        assertThat(restored.exitCode()).as(restored.out() + restored.err()).isZero();
        Map<String, List<String>> back = ArchiveContents.rows(db, tables, "");
        for (String table : tables) {
            assertThat(back.get(table)).as("restored rows of %s", table)
                    .containsExactlyInAnyOrderElementsOf(before.get(table));
        }
        assertThat(partitions(db)).as("the dropped partitions exist again").isEqualTo(partitionsBefore);
    }

    @Test
    void detach_moves_the_partitions_to_the_detach_schema_without_their_foreign_keys(TestDatabase db,
            @TempDir Path dir) {
        String sql = monthlySchema() + "INSERT INTO orgs VALUES (1, 20), (2, 60);\n" + emails(250, 3, "1 + (i % 2)")
                + "INSERT INTO recipients SELECT id * 10, id, created_at FROM emails;\n";
        Compared compared = compare(db, dir, sql, "detach");

        assertThat(compared.removed).isNotEmpty();
        for (String partition : compared.removed) {
            String name = partition.substring("public.".length());
            assertThat(db.queryLong("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = 'retention_detached' AND c.relname = '" + name + "'"))
                    .as(partition + " detached").isEqualTo(1);
            assertThat(db.queryLong("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conrelid = "
                    + "'retention_detached." + name + "'::regclass")).as(partition + " keeps no foreign key").isZero();
        }
        long detachedRows = compared.report.stream().mapToLong(p -> p.get("rows").asLong()).sum();
        assertThat(detachedRows).isPositive();
        Runs.Outcome again = Runs.run(db, dir, config(dir, "detach"));
        assertThat(again.exitCode()).as(again.describe()).isZero();
        assertThat(again.report().field("partitions")).as("the next run does not see detached tables").isEmpty();
    }

    /** Range partitions on the key, which alone is unique: a young reply holds its old email, and so its partition. */
    @Test
    void a_held_row_keeps_its_partition(TestDatabase db, @TempDir Path dir) {
        String sql = """
                CREATE TABLE orgs (id int PRIMARY KEY, retention_days int);
                CREATE TABLE emails (id bigint PRIMARY KEY, org_id int NOT NULL REFERENCES orgs,
                                     created_at timestamptz NOT NULL, reply_to bigint REFERENCES emails)
                    PARTITION BY RANGE (id);
                CREATE TABLE emails_1 PARTITION OF emails FOR VALUES FROM (0) TO (100);
                CREATE TABLE emails_2 PARTITION OF emails FOR VALUES FROM (100) TO (200);
                CREATE TABLE emails_3 PARTITION OF emails FOR VALUES FROM (200) TO (300);
                INSERT INTO orgs VALUES (1, 10);
                INSERT INTO emails SELECT i, 1, '%s'::timestamptz + i * interval '1 minute', NULL FROM generate_series(1, 199) i;
                INSERT INTO emails VALUES (250, 1, '%s', 150);
                """.formatted(ago(100), ago(1));
        Compared compared = compare(db, dir, sql, "drop");

        assertThat(compared.removed).containsExactly("public.emails_1");
        assertThat(db.queryLong("SELECT count(*) FROM emails")).as("150 held, 250 young").isEqualTo(2);
    }

    /** Hash on the key and list on a kind mix ages in every partition: nothing goes whole, rows go as rows. */
    @Test
    void list_and_hash_partitions_with_mixed_ages_are_row_deleted(TestDatabase db, @TempDir Path dir) {
        String sql = """
                CREATE TABLE orgs (id int PRIMARY KEY, retention_days int);
                CREATE TABLE emails (id bigint PRIMARY KEY, org_id int NOT NULL REFERENCES orgs,
                                     created_at timestamptz NOT NULL) PARTITION BY HASH (id);
                CREATE TABLE emails_0 PARTITION OF emails FOR VALUES WITH (MODULUS 2, REMAINDER 0);
                CREATE TABLE emails_1 PARTITION OF emails FOR VALUES WITH (MODULUS 2, REMAINDER 1);
                CREATE TABLE opens (id bigint, email_id bigint NOT NULL REFERENCES emails, kind text NOT NULL,
                                    PRIMARY KEY (id, kind)) PARTITION BY LIST (kind);
                CREATE TABLE opens_web PARTITION OF opens FOR VALUES IN ('web');
                CREATE TABLE opens_app PARTITION OF opens FOR VALUES IN ('app');
                INSERT INTO orgs VALUES (1, 10);
                INSERT INTO emails SELECT i, 1, '%s'::timestamptz + i * interval '1 day' - interval '12 hours'
                    FROM generate_series(1, 39) i;
                INSERT INTO opens SELECT i, i, CASE WHEN i %% 3 = 0 THEN 'app' ELSE 'web' END FROM generate_series(1, 39) i;
                """.formatted(ago(40));
        Compared compared = compare(db, dir, sql, "drop");

        assertThat(compared.removed).isEmpty();
        assertThat(db.queryLong("SELECT count(*) FROM emails")).as("the 9 of the last 10 days").isEqualTo(9);
        assertThat(db.queryLong("SELECT count(*) FROM opens")).isEqualTo(9);
    }

    /**
     * Months split into halves by time. Org 2's cutoff falls in the middle of month -4: its first half goes as a leaf
     * while the second stays; month -5 goes as one tree; month -6 has a default half, so only its other half goes.
     */
    @Test
    void sub_partitioned_trees_go_whole_or_leaf_by_leaf(TestDatabase db, @TempDir Path dir) {
        StringBuilder sql = new StringBuilder("""
                CREATE TABLE orgs (id int PRIMARY KEY, retention_days int);
                CREATE TABLE emails (id bigint, org_id int NOT NULL REFERENCES orgs, created_at timestamptz NOT NULL,
                                     PRIMARY KEY (id, created_at)) PARTITION BY RANGE (created_at);
                """);
        for (int k = -8; k <= 0; k++) {
            String month = month(k);
            String middle = monthStart(k).plusDays(15) + " 00:00:00+00";
            sql.append("CREATE TABLE emails_").append(month).append(" PARTITION OF emails FOR VALUES FROM ('")
                    .append(bound(k)).append("') TO ('").append(bound(k + 1)).append("') PARTITION BY RANGE (created_at);\n");
            sql.append("CREATE TABLE emails_").append(month).append("_a PARTITION OF emails_").append(month)
                    .append(" FOR VALUES FROM ('").append(bound(k)).append("') TO ('").append(middle).append("');\n");
            sql.append("CREATE TABLE emails_").append(month).append("_b PARTITION OF emails_").append(month)
                    .append(k == -6 ? " DEFAULT;\n" : " FOR VALUES FROM ('" + middle + "') TO ('" + bound(k + 1) + "');\n");
        }
        long org2Days = ChronoUnit.DAYS.between(monthStart(-4).plusDays(15).atStartOfDay(ZoneOffset.UTC).toInstant(), now);
        sql.append("INSERT INTO orgs VALUES (1, 20), (2, ").append(org2Days).append(");\n")
                .append("INSERT INTO emails SELECT i, 1 + (i % 2), '").append(bound(-8))
                .append("'::timestamptz + i * interval '1 day' - interval '12 hours' FROM generate_series(1, ")
                .append(ChronoUnit.DAYS.between(monthStart(-8), LocalDate.ofInstant(now, ZoneOffset.UTC))).append(") i;\n");
        Compared compared = compare(db, dir, sql.toString(), "drop");

        assertThat(compared.removed).as("a month past both policies goes as one tree").contains("public.emails_" + month(-5));
        assertThat(compared.removed).as("a month with a default sub-partition goes leaf by leaf, the default stays")
                .contains("public.emails_" + month(-6) + "_a")
                .doesNotContain("public.emails_" + month(-6), "public.emails_" + month(-6) + "_b");
        assertThat(compared.removed).as("the half before org 2's cutoff goes, the half after stays")
                .contains("public.emails_" + month(-4) + "_a")
                .doesNotContain("public.emails_" + month(-4), "public.emails_" + month(-4) + "_b");
    }

    @Test
    void daily_partitions(TestDatabase db, @TempDir Path dir) {
        StringBuilder sql = new StringBuilder("""
                CREATE TABLE orgs (id int PRIMARY KEY, retention_days int);
                CREATE TABLE emails (id bigint, org_id int NOT NULL REFERENCES orgs, created_at timestamptz NOT NULL,
                                     PRIMARY KEY (id, created_at)) PARTITION BY RANGE (created_at);
                """);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (int d = -12; d <= 1; d++) {
            sql.append("CREATE TABLE emails_d").append(d + 12).append(" PARTITION OF emails FOR VALUES FROM ('")
                    .append(today.plusDays(d)).append(" 00:00:00+00') TO ('").append(today.plusDays(d + 1))
                    .append(" 00:00:00+00');\n");
        }
        sql.append("INSERT INTO orgs VALUES (1, 5);\n").append("""
                INSERT INTO emails SELECT i, 1, '%s'::timestamptz + i * interval '2 hours' FROM generate_series(1, 130) i;
                """.formatted(ago(11)));
        Compared compared = compare(db, dir, sql.toString(), "drop");

        assertThat(compared.removed).hasSizeBetween(4, 6);
        assertThat(compared.after).contains("public.emails_d13");
    }

    // --- the comparison ----------------------------------------------------------------------------------------

    /** Partitions of the drop database before and after, what its report listed, and nothing else differs. */
    private record Compared(Set<String> before, Set<String> after, Set<String> removed, List<JsonNode> report) {
    }

    private Compared compare(TestDatabase db, Path dir, String sql, String mode) {
        return compare(db, dir, sql, mode, "emails", "id", "created_at");
    }

    private Compared compare(TestDatabase db, Path dir, String sql, String mode, String table, String key,
            String timestamp) {
        String fresh = "DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS retention_detached CASCADE;\n";
        db.execute(fresh + sql);
        rowsDb.execute(fresh + sql);
        Set<String> before = partitions(db);
        String target = "targets:\n  - {table: " + table + ", key: " + key + ", timestamp: " + timestamp
                + ", tenant: [org_id -> orgs.id], partitions: %s}\n";
        Runs.Outcome dry = Runs.run(db, dir, Runs.config(dir, POLICY + target.formatted(mode)), "--dry-run");
        Runs.Outcome hybrid = Runs.run(db, dir, Runs.config(dir, POLICY + target.formatted(mode)));
        Runs.Outcome rows = Runs.run(rowsDb, dir, Runs.config(dir, POLICY + target.formatted("rows")));

        assertThat(hybrid.exitCode()).as(hybrid.describe()).isZero();
        assertThat(rows.exitCode()).as(rows.describe()).isZero();
        assertThat(dry.exitCode()).as(dry.describe()).isZero();
        assertThat(rootHashes(db)).as("end state, row for row").isEqualTo(rootHashes(rowsDb));
        assertThat(hybrid.report().tables()).as("rows counted, partitions included").isEqualTo(rows.report().tables());
        assertThat(hybrid.report().tenantRows()).isEqualTo(rows.report().tenantRows());
        assertThat(dry.report().tables()).as("the dry run counts the same").isEqualTo(rows.report().tables());

        Set<String> after = partitions(db);
        Set<String> removed = new TreeSet<>(before);
        removed.removeAll(after);
        List<JsonNode> listed = new ArrayList<>();
        hybrid.report().field("partitions").forEach(listed::add);
        Set<String> listedNames = new TreeSet<>();
        for (JsonNode p : listed) {
            listedNames.add(p.get("partition").asText());
            assertThat(p.get("action").asText()).isEqualTo(mode.equals("drop") ? "dropped" : "detached");
        }
        // A listed sub-tree takes its leaves with it.
        Set<String> removedTops = new TreeSet<>(removed);
        removedTops.removeIf(p -> listedNames.stream().anyMatch(l -> !l.equals(p) && p.startsWith(l + "_")));
        assertThat(listedNames).as("the report lists exactly what vanished").isEqualTo(removedTops);
        Set<String> dryListed = new TreeSet<>();
        dry.report().field("partitions").forEach(p -> dryListed.add(p.get("partition").asText()));
        assertThat(dryListed).as("the dry run lists what the run removes").isEqualTo(listedNames);
        return new Compared(before, after, removedTops, listed);
    }

    private Path config(Path dir, String mode) {
        return Runs.config(dir, POLICY + "targets:\n  - {table: emails, key: id, timestamp: created_at, "
                + "tenant: [org_id -> orgs.id], partitions: " + mode + "}\n");
    }

    /** Every partition in public, as schema.name. */
    private static Set<String> partitions(TestDatabase db) {
        return new TreeSet<>(Tables.column(db, "SELECT n.nspname || '.' || c.relname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relispartition AND n.nspname = 'public'"));
    }

    /** An md5 of every row of every root table in public (a partitioned table's rows are its partitions'). */
    private static Map<String, String> rootHashes(TestDatabase db) {
        Map<String, String> hashes = new TreeMap<>();
        for (String table : Tables.column(db, "SELECT c.relname FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = 'public'")) {
            hashes.put(table, (String) db.queryRows("SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), ''))"
                    + " || ':' || count(*) FROM public." + Tables.quote(table) + " AS t").get(0).get(0));
        }
        return hashes;
    }

    // --- data ---------------------------------------------------------------------------------------------------

    /** emails, recipients, events and suppressions, monthly from 8 months ago to next month, with defaults. */
    private String monthlySchema() {
        StringBuilder sql = new StringBuilder("""
                CREATE TABLE orgs (id int PRIMARY KEY, retention_days int);
                CREATE TABLE emails (id bigint, org_id int NOT NULL REFERENCES orgs, created_at timestamptz NOT NULL,
                                     PRIMARY KEY (id, created_at)) PARTITION BY RANGE (created_at);
                CREATE TABLE emails_default PARTITION OF emails DEFAULT;
                CREATE TABLE recipients (id bigint, email_id bigint NOT NULL, email_created_at timestamptz NOT NULL,
                                         PRIMARY KEY (id, email_created_at),
                                         FOREIGN KEY (email_id, email_created_at) REFERENCES emails ON DELETE CASCADE)
                    PARTITION BY RANGE (email_created_at);
                CREATE INDEX ON recipients (email_id, email_created_at);
                CREATE TABLE events (id bigint, email_id bigint NOT NULL, email_created_at timestamptz NOT NULL,
                                     occurred_at timestamptz NOT NULL, PRIMARY KEY (id, occurred_at),
                                     FOREIGN KEY (email_id, email_created_at) REFERENCES emails)
                    PARTITION BY RANGE (occurred_at);
                CREATE INDEX ON events (email_id, email_created_at);
                CREATE TABLE events_default PARTITION OF events DEFAULT;
                CREATE TABLE recipients_default PARTITION OF recipients DEFAULT;
                CREATE TABLE suppressions (id bigint PRIMARY KEY, email_id bigint, email_created_at timestamptz,
                                           FOREIGN KEY (email_id, email_created_at) REFERENCES emails ON DELETE SET NULL);
                """);
        for (int k = -9; k <= 1; k++) {
            for (String table : List.of("emails", "recipients", "events")) {
                if (k >= -8 || table.equals("recipients")) {
                    sql.append("CREATE TABLE ").append(table).append('_').append(month(k)).append(" PARTITION OF ")
                            .append(table).append(" FOR VALUES FROM ('").append(bound(k)).append("') TO ('")
                            .append(bound(k + 1)).append("');\n");
                }
            }
        }
        return sql.toString();
    }

    /** One email every {@code every} days from {@code days} ago to now, ids growing with time. */
    private String emails(int days, int every, String org) {
        return "INSERT INTO emails SELECT i, " + org + ", '" + ago(days) + "'::timestamptz + i * interval '" + every
                + " days' FROM generate_series(1, " + (days / every - 1) + ") i;\n";
    }

    private String ago(int days) {
        return now.minus(days, ChronoUnit.DAYS).toString();
    }

    private LocalDate monthStart(int offset) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1).plusMonths(offset);
    }

    /** A partition bound in UTC, whatever the session's time zone. */
    private String bound(int monthOffset) {
        return monthStart(monthOffset) + " 00:00:00+00";
    }

    private String month(int offset) {
        LocalDate start = monthStart(offset);
        return String.format("%04d_%02d", start.getYear(), start.getMonthValue());
    }

    private static String monthOf(String instant) {
        LocalDate day = LocalDate.ofInstant(Instant.parse(instant), ZoneOffset.UTC);
        return String.format("%04d_%02d", day.getYear(), day.getMonthValue());
    }
}
