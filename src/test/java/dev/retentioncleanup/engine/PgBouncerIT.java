package dev.retentioncleanup.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.PgBouncers;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behind a real PgBouncer: in session mode a run is a run; in transaction and statement mode every server session
 * may change between transactions (the advisory lock, session settings and prepared statements with it), so run
 * and dry run refuse at start, exit 2 with one line, touching nothing, and {@code check} says why.
 */
@ExtendWith(FreshDatabaseExtension.class)
class PgBouncerIT {
    private static final String CONSEQUENCE = "; session advisory locks, session settings and server-side prepared"
            + " statements cannot work there: connect to PostgreSQL directly or through a pool in session mode";
    private static final String TRANSACTION_MODE = "a connection pooler in transaction mode is in between (server"
            + " sessions pass from one connection to another between transactions)" + CONSEQUENCE;
    private static final String STATEMENT_MODE = "a connection pooler in statement mode is in between (the server"
            + " refused a transaction: FATAL: transaction blocks not allowed in statement pooling mode)" + CONSEQUENCE;

    private static PgBouncers session;
    private static PgBouncers transaction;
    private static PgBouncers statement;

    @BeforeAll
    static void start(TestDatabase db) throws Exception {
        session = PgBouncers.start(db, "session");
        transaction = PgBouncers.start(db, "transaction");
        statement = PgBouncers.start(db, "statement");
    }

    @AfterAll
    static void stop() throws Exception {
        for (PgBouncers bouncer : new PgBouncers[] {session, transaction, statement}) {
            if (bouncer != null) {
                bouncer.close();
            }
        }
    }

    @BeforeEach
    void load(TestDatabase db) {
        ExampleFixture.load(db);
    }

    @Test
    void in_session_mode_a_run_deletes_exactly_what_it_should_and_check_passes(TestDatabase db, @TempDir Path dir) {
        Path config = Runs.config(dir, ExampleFixture.config(""));

        CliResult check = CliRunner.run("check", "--config", config.toString(), "--db-url", session.jdbcUrl(db));
        Runs.Outcome run = Runs.run(session.jdbcUrl(db), dir, config);

        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.out()).endsWith("check: 0 error(s), 0 warning(s)\n");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.report().status()).isEqualTo("completed");
        ExampleFixture.assertState(db, ExampleSchemaIT.GONE);
    }

    @Test
    void in_transaction_mode_run_and_dry_run_refuse_at_start_and_touch_nothing(TestDatabase db, @TempDir Path dir) {
        assertRefused(db, dir, transaction, TRANSACTION_MODE);
    }

    @Test
    void in_statement_mode_run_and_dry_run_refuse_at_start_and_touch_nothing(TestDatabase db, @TempDir Path dir) {
        assertRefused(db, dir, statement, STATEMENT_MODE);
    }

    @Test
    void check_reports_a_transaction_or_statement_mode_pooler_as_an_error(TestDatabase db, @TempDir Path dir) {
        Path config = Runs.config(dir, ExampleFixture.config(""));

        for (Map.Entry<PgBouncers, String> pooler : Map.of(transaction, TRANSACTION_MODE, statement, STATEMENT_MODE)
                .entrySet()) {
            CliResult check = CliRunner.run("check", "--config", config.toString(), "--db-url",
                    pooler.getKey().jdbcUrl(db));

            assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
            assertThat(check.out().lines().toList()).containsExactly(
                    "ERROR   server: " + pooler.getValue() + ": a run would exit 2",
                    "INFO    server: config, catalog, privileges and guards not checked: they need a session of their"
                            + " own",
                    "check: 1 error(s), 0 warning(s)");
        }
    }

    private static void assertRefused(TestDatabase db, Path dir, PgBouncers pooler, String why) {
        Path config = Runs.config(dir, ExampleFixture.config(""));
        Map<String, String> before = Tables.hashes(db, "public");
        String url = pooler.jdbcUrl(db);

        for (List<String> flags : List.of(List.<String>of(), List.of("--dry-run"))) {
            Runs.Outcome outcome = Runs.run(url, dir, config, flags.toArray(String[]::new));

            assertThat(outcome.exitCode()).as(outcome.describe()).isEqualTo(2);
            assertThat(outcome.cli().err().lines().toList())
                    .containsExactly("retention-cleanup: --db-url: 127.0.0.1:" + url.replaceAll(".*:(\\d+)/.*", "$1")
                            + "/" + db.databaseName() + ": " + why);
            assertThat(outcome.report().status()).isEqualTo("failed");
            assertThat(outcome.report().exitCode()).isEqualTo(2);
            assertThat(Tables.hashes(db, "public")).isEqualTo(before);
        }
        assertThat(db.queryLong("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).isZero();
    }
}
