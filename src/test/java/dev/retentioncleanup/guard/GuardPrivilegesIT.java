package dev.retentioncleanup.guard;

import static dev.retentioncleanup.guard.GuardFixture.assertKeptAndNoOrphans;
import static dev.retentioncleanup.guard.GuardFixture.oldLeft;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Fail closed: a role without pg_monitor that sets a guard it cannot read never deletes; check says so first. */
@ExtendWith(FreshDatabaseExtension.class)
class GuardPrivilegesIT {
    private static final String ROLE = "rc_nomon_" + Long.toHexString(System.nanoTime());
    private static final int OLD = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp(TestDatabase db) {
        GuardFixture.create(db, OLD);
        db.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD 'pw';"
                + " GRANT USAGE ON SCHEMA public TO " + ROLE + ";"
                + " GRANT SELECT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + ROLE);
    }

    @AfterAll
    static void dropRole(TestDatabase db) {
        db.execute("DROP OWNED BY " + ROLE + "; DROP ROLE " + ROLE);
    }

    private String url(TestDatabase db) {
        return db.jdbcUrlAs(ROLE, "pw");
    }

    @Test
    void runWithAGuardTheRoleCannotReadStopsBeforeDeletingAndNamesThePrivilege(TestDatabase db) throws Exception {
        Path report = dir.resolve("report.json");
        CliResult result = CliRunner.run("run", "--config", GuardFixture.config(dir).toString(), "--db-url", url(db),
                "--max-wal-size", "100GB", "--report", report.toString());
        assertThat(result.exitCode()).as(result.err()).isEqualTo(3);
        JsonNode json = JSON.readTree(Files.readString(report));
        assertThat(json.get("status").asText()).isEqualTo("stopped");
        assertThat(json.get("batches").asLong()).isZero();
        assertThat(json.get("stop_reason").asText()).startsWith("fail closed, nothing deleted: --max-wal-size needs "
                + "pg_ls_waldir(), which role " + ROLE + " may not execute: missing privilege pg_monitor");
        assertThat(oldLeft(db)).isEqualTo(OLD);
        assertKeptAndNoOrphans(db);
    }

    @Test
    void checkReportsTheUnreadableGuardsAsErrors(TestDatabase db) throws Exception {
        String[] args = {"check", "--config", GuardFixture.config(dir).toString(), "--db-url", url(db),
                "--max-wal-size", "100GB", "--max-database-size", "1TB", "--max-replication-lag", "1m",
                "--max-slot-lag", "1GB"};
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        CliResult result;
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            result = CliRunner.run(args); // check prints its findings on System.out
        } finally {
            System.setOut(original);
        }
        String out = result.out() + captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(result.exitCode()).as(out + result.err()).isEqualTo(1);
        assertThat(out).contains("ERROR   guard wal_size: --max-wal-size needs pg_ls_waldir(), which role " + ROLE
                + " may not execute: missing privilege pg_monitor (GRANT pg_monitor TO " + ROLE);
        assertThat(out).contains("ERROR   guard database_size: --max-database-size needs pg_ls_waldir()");
        assertThat(out).contains("ERROR   guard replication_lag: --max-replication-lag needs pg_stat_replication's"
                + " lag columns, which role " + ROLE + " cannot see: missing privilege pg_monitor");
        assertThat(out).doesNotContain("guard slot_lag"); // pg_replication_slots is readable by every role
        assertThat(out).contains("check: 3 error(s)");
    }

    @Test
    void archiveBacklogFallsBackToArchiverStatisticsWithoutPgMonitor(TestDatabase db) throws Exception {
        CliResult result = CliRunner.run("run", "--config", GuardFixture.config(dir).toString(), "--db-url", url(db),
                "--max-archive-backlog", "1000", "--report", dir.resolve("r.json").toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(oldLeft(db)).isZero();
        assertKeptAndNoOrphans(db);
        GuardFixture.create(db, OLD); // restore for the other tests
        db.execute("GRANT SELECT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + ROLE);
    }

}
