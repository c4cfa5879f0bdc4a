package dev.retentioncleanup.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retentioncleanup.execute.AdvisoryLock;
import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** --audit-table: one row per run, checked at start; a table that does not fit is exit 2 before any delete. */
@ExtendWith(FreshDatabaseExtension.class)
class AuditIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path AUDIT_SQL = Path.of("sql/audit.sql");

    @BeforeAll
    static void schema(TestDatabase db) {
        ObserveFixture.createSchema(db);
        db.runScript(AUDIT_SQL);
    }

    @BeforeEach
    void seed(TestDatabase db) {
        ObserveFixture.seed(db);
        db.execute("TRUNCATE retention_audit; DROP SCHEMA IF EXISTS audit CASCADE; DROP TABLE IF EXISTS bad_audit");
    }

    private static CliResult run(TestDatabase db, Path report, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--config", ObserveFixture.CONFIG.toString(),
                "--db-url", db.jdbcUrl(), "--report", report.toString()));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void a_run_writes_its_row_and_completes_it(TestDatabase db, @TempDir Path dir) throws Exception {
        Path report = dir.resolve("r.json");
        CliResult result = run(db, report, "--audit-table", "retention_audit");

        assertThat(result.exitCode()).as(result.err()).isZero();
        ObserveFixture.assertCleaned(db);
        JsonNode rep = JSON.readTree(Files.readString(report));
        List<List<Object>> rows = db.queryRows("SELECT run_id::text, status, exit_code, rows_deleted, batches, "
                + "(tables ->> 'public.outgoing_emails')::int, (tables ->> 'public.link_clicks')::int, "
                + "jsonb_typeof(tables), stop_reason, wal_bytes, "
                + "to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS'), "
                + "to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS') FROM retention_audit");
        assertThat(rows).hasSize(1);
        List<Object> row = rows.get(0);
        assertThat(row.subList(0, 10)).containsExactly(rep.get("run_id").asText(), "completed", 0,
                ObserveFixture.DELETED_ROWS, rep.get("batches").asLong(), 10, 0, "object", null,
                rep.get("wal_bytes").asLong());
        assertThat(rep.get("started_at").asText()).startsWith((String) row.get(10));
        assertThat(rep.get("finished_at").asText()).startsWith((String) row.get(11));
        assertThat(db.queryRows("SELECT partitions::text FROM retention_audit"))
                .as("the report's partitions list (none removed here)").containsExactly(List.of("[]"));
        assertThat(db.queryRows("SELECT archive IS NULL FROM retention_audit")).as("nothing archived")
                .containsExactly(List.of(true));
    }

    @Test
    void an_archiving_run_records_where_its_archive_is(TestDatabase db, @TempDir Path dir) throws Exception {
        Path report = dir.resolve("r.json");
        CliResult result = run(db, report, "--audit-table", "retention_audit", "--archive-dir",
                dir.resolve("archive").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode archive = JSON.readTree(Files.readString(report)).get("archive");
        assertThat(db.queryRows("SELECT archive ->> 'location', archive ->> 'manifest', (archive ->> 'rows')::bigint,"
                + " (archive ->> 'files')::bigint FROM retention_audit")).containsExactly(List.of(
                        archive.get("location").asText(), archive.get("manifest").asText(), ObserveFixture.DELETED_ROWS,
                        archive.get("files").asLong()));
    }

    @Test
    void an_audit_table_from_before_partitions_were_recorded_still_works(TestDatabase db, @TempDir Path dir) {
        db.execute("ALTER TABLE retention_audit DROP COLUMN partitions");
        try {
            CliResult result = run(db, dir.resolve("r.json"), "--audit-table", "retention_audit");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(db.queryRows("SELECT status, rows_deleted FROM retention_audit"))
                    .containsExactly(List.of("completed", ObserveFixture.DELETED_ROWS));
        } finally {
            db.execute("ALTER TABLE retention_audit ADD COLUMN partitions jsonb");
        }
    }

    @Test
    void the_row_says_running_while_the_run_deletes(TestDatabase db, @TempDir Path dir) throws Exception {
        Process process = CliRunner.start(List.of(), Map.of(), dir.resolve("out"), dir.resolve("err"), "run",
                "--config", ObserveFixture.CONFIG.toString(), "--db-url", db.jdbcUrl(), "--audit-table",
                "retention_audit", "--batch-size", "1", "--sleep", "300ms");
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long running = 0;
            while (running == 0 && process.isAlive() && System.nanoTime() < deadline) {
                running = db.queryLong("SELECT count(*) FROM retention_audit WHERE status = 'running' "
                        + "AND exit_code IS NULL AND finished_at IS NULL");
                Thread.sleep(running == 0 ? 20 : 0);
            }
            assertThat(running).as("a 'running' row while the run deletes").isEqualTo(1);
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("err"))).isZero();
        assertThat(db.queryRows("SELECT status, exit_code, rows_deleted FROM retention_audit"))
                .containsExactly(List.of("completed", 0, ObserveFixture.DELETED_ROWS));
    }

    @Test
    void a_missing_audit_table_is_exit_2_and_nothing_is_deleted(TestDatabase db, @TempDir Path dir) throws Exception {
        CliResult result = run(db, dir.resolve("r.json"), "--audit-table", "audit.no_such_table");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--audit-table audit.no_such_table: no such table; create it with sql/audit.sql");
        ObserveFixture.assertUntouched(db);
        JsonNode report = JSON.readTree(Files.readString(dir.resolve("r.json")));
        assertThat(report.get("status").asText()).isEqualTo("failed");
        assertThat(report.get("exit_code").asInt()).isEqualTo(2);
        assertThat(report.get("stop_reason").asText()).contains("no such table");
    }

    @Test
    void a_dry_run_checks_the_audit_table_too(TestDatabase db, @TempDir Path dir) {
        CliResult result = run(db, dir.resolve("r.json"), "--dry-run", "--audit-table", "no_such_audit");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--audit-table no_such_audit: no such table");
    }

    @Test
    void an_audit_table_with_a_wrong_or_missing_column_is_exit_2_and_nothing_is_deleted(TestDatabase db,
            @TempDir Path dir) throws Exception {
        db.execute(Files.readString(AUDIT_SQL).replace("retention_audit", "bad_audit")
                .replace("exit_code    integer", "exit_code    text").replace(
                        "    stop_reason  text                              -- why it stopped or failed; null when completed\n",
                        "    why          text\n"));
        CliResult result = run(db, dir.resolve("r.json"), "--audit-table", "bad_audit");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--audit-table bad_audit: not an audit table (column exit_code is text, "
                + "expected integer; missing column stop_reason text)");
        ObserveFixture.assertUntouched(db);
        assertThat(db.queryLong("SELECT count(*) FROM bad_audit")).isZero();
    }

    @Test
    void a_dry_run_writes_no_row(TestDatabase db, @TempDir Path dir) {
        CliResult result = run(db, dir.resolve("r.json"), "--dry-run", "--audit-table", "retention_audit");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM retention_audit")).isZero();
        ObserveFixture.assertUntouched(db);
    }

    @Test
    void a_skipped_run_is_recorded_as_skipped(TestDatabase db, @TempDir Path dir) throws Exception {
        long key = AdvisoryLock.keyFor(List.of("public.organizations", "public.outgoing_emails"));
        try (Connection holder = db.connect();
                PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, key);
            lock.execute();
            assertThat(run(db, dir.resolve("r.json"), "--audit-table", "retention_audit").exitCode()).isEqualTo(4);
        }
        ObserveFixture.assertUntouched(db);
        assertThat(db.queryRows("SELECT run_id::text, status, exit_code, stop_reason FROM retention_audit"))
                .containsExactly(List.of(JSON.readTree(Files.readString(dir.resolve("r.json"))).get("run_id").asText(),
                        "skipped", 4, "another run holds the lock for this config: another unsharded run, or a"
                                + " --shard run of it"));
    }

    @Test
    void a_schema_qualified_quoted_audit_table_works(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE SCHEMA audit; " + Files.readString(AUDIT_SQL).replace("retention_audit (",
                "audit.\"Runs\" (").replace("retention_audit_started_at ON retention_audit", "runs_started_at ON audit.\"Runs\""));
        CliResult result = run(db, dir.resolve("r.json"), "--audit-table", "audit.\"Runs\"");

        assertThat(result.exitCode()).as(result.err()).isZero();
        ObserveFixture.assertCleaned(db);
        assertThat(db.queryRows("SELECT status, rows_deleted FROM audit.\"Runs\""))
                .containsExactly(List.of("completed", ObserveFixture.DELETED_ROWS));
        assertThat(db.queryLong("SELECT count(*) FROM retention_audit")).isZero();
    }
}
