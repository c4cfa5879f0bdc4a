package dev.retentioncleanup.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names and policy keys that would break or hijack SQL built by splicing text: quotes, semicolons, comments
 * and a question mark (a JDBC placeholder) in table and column names, quotes in tenant keys. They must work
 * as plain names and values, and nothing else may change.
 */
@ExtendWith(FreshDatabaseExtension.class)
class InjectionIT {
    /** Each name, if spliced unquoted or badly quoted, ends the statement and runs its own. */
    private static final String TARGET = "x\"; DROP TABLE support.accounts; --";
    private static final String KEY = "id'); DELETE FROM support.bystander; --";
    private static final String TENANT = "acct\" = 1; TRUNCATE support.bystander; --";
    private static final String AT = "at?";
    private static final String CHILD = "child'; DROP SCHEMA support CASCADE; --";
    private static final String PARENT = "parent\"\"id";
    /** Tenant keys with quotes, a semicolon and a comment. */
    private static final String OBRIEN = "o'brien\"; DROP TABLE support.bystander; --";
    private static final String NO_POLICY = "it's \"null\"";

    @BeforeEach
    void schema(TestDatabase db) {
        db.execute("DROP SCHEMA IF EXISTS support CASCADE");
        db.execute("CREATE SCHEMA support");
        db.execute("CREATE TABLE support.accounts (id text PRIMARY KEY, keep_days integer)");
        db.execute("CREATE TABLE support.bystander (id integer PRIMARY KEY)");
        db.execute("INSERT INTO support.bystander SELECT generate_series(1, 3)");
        db.execute("CREATE TABLE support." + q(TARGET) + " (" + q(KEY) + " bigint PRIMARY KEY, " + q(TENANT)
                + " text NOT NULL REFERENCES support.accounts (id), " + q(AT) + " timestamptz NOT NULL)");
        db.execute("CREATE TABLE support." + q(CHILD) + " (id bigint PRIMARY KEY, " + q(PARENT) + " bigint NOT NULL "
                + "REFERENCES support." + q(TARGET) + " (" + q(KEY) + "))");
        db.execute("CREATE INDEX ON support." + q(CHILD) + " (" + q(PARENT) + ")");
        db.execute("INSERT INTO support.accounts VALUES (" + lit(OBRIEN) + ", 7), ('plain', 1000), (" + lit(NO_POLICY)
                + ", NULL)");
        // rows 1-4 per tenant: 1 and 10 days old (+5h); ids 1x for o'brien, 2x for plain, 3x for the no-policy one
        String[] tenants = {OBRIEN, "plain", NO_POLICY};
        for (int t = 0; t < tenants.length; t++) {
            db.execute("INSERT INTO support." + q(TARGET) + " SELECT " + (t + 1) + " * 10 + g.i, " + lit(tenants[t])
                    + ", now() - make_interval(days => g.days, hours => 5) FROM (VALUES (1, 1), (2, 10)) AS g (i, days)");
        }
        db.execute("INSERT INTO support." + q(CHILD) + " SELECT " + q(KEY) + " * 10 + k, " + q(KEY)
                + " FROM support." + q(TARGET) + ", generate_series(1, 2) AS k");
    }

    @Test
    void quoted_names_and_keys_are_plain_names_and_values(TestDatabase db, @TempDir Path dir) {
        Path config = Runs.config(dir, """
                policy:
                  table: support.accounts
                  key: id
                  retention_days: keep_days
                targets:
                  - table: '%s'
                    key: '%s'
                    timestamp: '%s'
                    tenant: ['%s -> support.accounts.id']
                """.formatted(yaml("support." + q(TARGET)), yaml(q(KEY)), yaml(q(AT)), yaml(q(TENANT))));
        Map<String, String> untouched = Map.of(
                "support.accounts", Tables.hashes(db, "support").get("support.accounts"),
                "support.bystander", Tables.hashes(db, "support").get("support.bystander"));

        Runs.Outcome dry = Runs.run(db, dir, config, "--dry-run");
        Runs.Outcome run = Runs.run(db, dir, config, "--batch-size", "1");

        assertThat(dry.exitCode()).as(dry.describe()).isZero();
        assertThat(run.exitCode()).as(run.describe()).isZero();
        // only o'brien's 10-day-old row (12) and its children go; 'plain' keeps 1000 days; the third has no policy
        assertThat(Tables.column(db, "SELECT " + q(KEY) + " FROM support." + q(TARGET)))
                .containsExactly("11", "21", "22", "31", "32");
        assertThat(Tables.column(db, "SELECT id FROM support." + q(CHILD)))
                .containsExactly("111", "112", "211", "212", "221", "222", "311", "312", "321", "322");
        Map<String, String> after = Tables.hashes(db, "support");
        untouched.forEach((table, hash) -> assertThat(after.get(table)).as(table).isEqualTo(hash));
        assertThat(Tables.column(db, "SELECT nspname FROM pg_namespace WHERE nspname = 'support'")).containsExactly("support");
        Map<String, Long> deleted = Map.of("support." + TARGET, 1L, "support." + CHILD, 2L);
        assertThat(run.report().tables()).isEqualTo(deleted);
        assertThat(dry.report().tables()).isEqualTo(deleted);
        // "plain" lost no rows, so the report does not list it
        assertThat(run.report().tenantRows()).isEqualTo(Map.of(OBRIEN, Map.of("support." + TARGET, 1L)));
        assertThat(run.report().skippedTenants()).isEqualTo(List.of(NO_POLICY));

        Runs.Outcome only = Runs.run(db, dir, config, "--tenant", NO_POLICY, "--tenant", OBRIEN);

        assertThat(only.exitCode()).as(only.describe()).isZero();
        assertThat(only.report().tenantRows()).isEmpty(); // nothing of o'brien was left to delete
        assertThat(only.report().skippedTenants()).isEqualTo(List.of(NO_POLICY));
    }

    private static String q(String identifier) {
        return Tables.quote(identifier);
    }

    private static String lit(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Inside a YAML single-quoted scalar a quote is written twice. */
    private static String yaml(String text) {
        return text.replace("'", "''");
    }
}
