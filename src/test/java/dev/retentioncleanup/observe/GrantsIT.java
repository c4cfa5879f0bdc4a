package dev.retentioncleanup.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** sql/grants.sql is enough to run the example, and needed: a login without it deletes nothing. */
@ExtendWith(FreshDatabaseExtension.class)
class GrantsIT {
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String JOB = "rc_grants_job_" + SUFFIX;
    private static final String STRANGER = "rc_grants_stranger_" + SUFFIX;

    @BeforeAll
    static void schema(TestDatabase db) {
        ObserveFixture.createSchema(db);
        db.runScript(Path.of("sql/audit.sql"));
        db.runScript(Path.of("sql/grants.sql"));
        db.execute("CREATE ROLE " + JOB + " LOGIN PASSWORD 'pw' IN ROLE retention_cleanup; "
                + "CREATE ROLE " + STRANGER + " LOGIN PASSWORD 'pw'");
    }

    @AfterAll
    static void dropRoles(TestDatabase db) {
        db.execute("DROP ROLE IF EXISTS " + JOB + "; DROP ROLE IF EXISTS " + STRANGER);
    }

    @BeforeEach
    void seed(TestDatabase db) {
        ObserveFixture.seed(db);
        db.execute("TRUNCATE retention_audit");
    }

    /**
     * Archiving with the least-privilege role: it may not create the outbox (PostgreSQL 15 takes CREATE on public
     * from everyone), so the run says how to create it and deletes nothing; once sql/archive.sql and sql/grants.sql
     * ran, it archives and deletes.
     */
    @Test
    void the_least_privilege_role_archives_once_the_outbox_exists(TestDatabase db, @TempDir Path dir) {
        db.execute("DROP TABLE IF EXISTS retention_archive_outbox");
        String archive = dir.resolve("archive").toString();

        CliResult refused = CliRunner.run("run", "--config", ObserveFixture.CONFIG.toString(), "--db-url",
                db.jdbcUrlAs(JOB, "pw"), "--archive-dir", archive);

        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("--archive-outbox retention_archive_outbox: cannot create it",
                "sql/archive.sql");
        assertThat(db.queryLong("SELECT count(*) FROM outgoing_emails")).isEqualTo(ObserveFixture.DELETED_EMAILS + ObserveFixture.SURVIVING_EMAILS);

        db.runScript(Path.of("sql/archive.sql"));
        db.runScript(Path.of("sql/grants.sql"));
        CliResult archived = CliRunner.run("run", "--config", ObserveFixture.CONFIG.toString(), "--db-url",
                db.jdbcUrlAs(JOB, "pw"), "--archive-dir", archive);

        assertThat(archived.exitCode()).as(archived.err()).isZero();
        ObserveFixture.assertCleaned(db);
        assertThat(CliRunner.run("verify-archive", "--archive-dir", archive).exitCode()).isZero();
    }

    @Test
    void the_least_privilege_role_runs_the_example_to_completion(TestDatabase db) {
        CliResult check = CliRunner.run("check", "--config", ObserveFixture.CONFIG.toString(), "--db-url",
                db.jdbcUrlAs(JOB, "pw"));
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();

        CliResult result = CliRunner.run("run", "--config", ObserveFixture.CONFIG.toString(), "--db-url",
                db.jdbcUrlAs(JOB, "pw"), "--audit-table", "retention_audit");

        assertThat(result.exitCode()).as(result.err()).isZero();
        ObserveFixture.assertCleaned(db);
        assertThat(db.queryRows("SELECT status, rows_deleted FROM retention_audit"))
                .containsExactly(List.of("completed", ObserveFixture.DELETED_ROWS));
        assertThat(db.queryLong("SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
                + "JOIN pg_roles g ON g.oid = m.member WHERE r.rolname = 'pg_monitor' AND g.rolname = 'retention_cleanup'"))
                .isEqualTo(1);
    }

    @Test
    void a_role_without_the_grants_fails_and_deletes_nothing(TestDatabase db) {
        CliResult result = CliRunner.run("run", "--config", ObserveFixture.CONFIG.toString(), "--db-url",
                db.jdbcUrlAs(STRANGER, "pw"));

        assertThat(result.exitCode()).isEqualTo(1); // permission denied for table organizations
        ObserveFixture.assertUntouched(db);
    }
}
