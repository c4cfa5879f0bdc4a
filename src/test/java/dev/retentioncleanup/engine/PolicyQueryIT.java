package dev.retentioncleanup.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The policy query is the user's SQL: exactly one SELECT, run where it cannot write, even in a real run. */
@ExtendWith(FreshDatabaseExtension.class)
class PolicyQueryIT {
    @BeforeEach
    void load(TestDatabase db) {
        db.execute("""
                DROP SCHEMA public CASCADE;
                CREATE SCHEMA public;
                CREATE TABLE orgs (id int PRIMARY KEY, retention_days int);
                INSERT INTO orgs VALUES (1, 10);
                CREATE TABLE emails (id int PRIMARY KEY, org_id int NOT NULL, created_at timestamptz NOT NULL);
                INSERT INTO emails VALUES (1, 1, now()), (2, 1, now() - interval '20 days');
                CREATE FUNCTION sneaky() RETURNS int LANGUAGE sql AS 'DELETE FROM emails RETURNING 10';
                """);
    }

    private static Path config(Path dir, String query) {
        return Runs.config(dir, """
                policy:
                  query: "%s"
                targets:
                  - {table: emails, key: id, timestamp: created_at, tenant: [org_id -> orgs.id]}
                """.formatted(query));
    }

    @Test
    void a_second_statement_is_refused_in_a_dry_run_and_a_run(TestDatabase db, @TempDir Path dir) {
        Path config = config(dir, "SELECT id AS tenant, retention_days FROM orgs) q; COMMIT; DELETE FROM emails;"
                + " SELECT * FROM (SELECT 1 AS tenant, 1 AS retention_days");

        Runs.Outcome dry = Runs.run(db, dir, config, "--dry-run");
        Runs.Outcome run = Runs.run(db, dir, config);

        assertThat(dry.exitCode()).as(dry.describe()).isEqualTo(2);
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.cli().err()).contains("policy.query: must be exactly one SELECT statement");
        assertThat(Tables.column(db, "SELECT id FROM emails ORDER BY id")).containsExactly("1", "2");
    }

    @Test
    void the_query_reaches_the_server_as_written(TestDatabase db, @TempDir Path dir) {
        // jsonb's ? is an operator, not a placeholder; {0} is text, not a template marker; a trailing comment ends.
        Runs.Outcome run = Runs.run(db, dir, config(dir, "SELECT id AS tenant, retention_days FROM orgs"
                + " WHERE jsonb_build_object('a', 1) ? 'a' AND $${0}$$ <> '{1}' -- the retention of every org"));

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(Tables.column(db, "SELECT id FROM emails ORDER BY id")).containsExactly("1");
    }

    @Test
    void a_query_that_calls_a_writing_function_cannot_write(TestDatabase db, @TempDir Path dir) {
        Runs.Outcome run = Runs.run(db, dir, config(dir, "SELECT id AS tenant, sneaky() AS retention_days FROM orgs"));

        assertThat(run.exitCode()).as(run.describe()).isNotZero();
        assertThat(run.report().field("stop_reason").asText()).as(run.describe()).contains("read-only transaction");
        assertThat(Tables.column(db, "SELECT id FROM emails ORDER BY id")).containsExactly("1", "2");
    }
}
