package dev.retentioncleanup.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What {@code check} says about partitioned targets, by partitions mode and by how they are partitioned. */
@ExtendWith(FreshDatabaseExtension.class)
class PartitionCheckIT {
    private static final String SCHEMA = """
            DROP SCHEMA public CASCADE;
            CREATE SCHEMA public;
            CREATE TABLE orgs (id int PRIMARY KEY, retention_days int);
            INSERT INTO orgs VALUES (1, 10);
            CREATE TABLE emails (id bigint, org_id int NOT NULL REFERENCES orgs, created_at timestamptz NOT NULL,
                                 PRIMARY KEY (id, created_at)) PARTITION BY %s;
            CREATE INDEX ON emails (created_at, id);
            """;

    private static Path config(Path dir, String mode) {
        return Runs.config(dir, "policy: {table: orgs, key: id, retention_days: retention_days}\n"
                + "targets:\n  - {table: emails, key: id, timestamp: created_at, tenant: [org_id -> orgs.id],"
                + " partitions: " + mode + "}\n");
    }

    @Test
    void a_target_partitioned_on_its_timestamp_with_partitions_rows_is_pointed_out(TestDatabase db, @TempDir Path dir) {
        db.execute(SCHEMA.formatted("RANGE (created_at)"));

        CliResult rows = check(db, config(dir, "rows"));
        CliResult drop = check(db, config(dir, "drop"));

        assertThat(rows.exitCode()).as(rows.toString()).isZero();
        assertThat(lines(rows, "INFO")).anyMatch(l -> l.startsWith("INFO    targets[0] public.emails: partitioned by"
                + " RANGE (created_at) but partitions: rows"));
        assertThat(drop.out()).doesNotContain("but partitions: rows").endsWith("check: 0 error(s), 0 warning(s)\n");
    }

    @Test
    void a_default_partition_holding_expired_rows_is_a_warning(TestDatabase db, @TempDir Path dir) {
        db.execute(SCHEMA.formatted("RANGE (created_at)") + """
                CREATE TABLE emails_recent PARTITION OF emails FOR VALUES FROM (now() - interval '5 days') TO (MAXVALUE);
                CREATE TABLE emails_default PARTITION OF emails DEFAULT;
                INSERT INTO emails VALUES (1, 1, now() - interval '30 days'), (2, 1, now());
                """);

        CliResult check = check(db, config(dir, "drop"));

        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(lines(check, "WARNING")).singleElement().asString()
                .startsWith("WARNING public.emails_default: default partition holds rows past retention");
    }

    @Test
    void a_target_partitioned_otherwise_is_told_what_to_expect(TestDatabase db, @TempDir Path dir) {
        db.execute(SCHEMA.formatted("HASH (id)") + """
                CREATE TABLE emails_0 PARTITION OF emails FOR VALUES WITH (MODULUS 2, REMAINDER 0);
                CREATE TABLE emails_1 PARTITION OF emails FOR VALUES WITH (MODULUS 2, REMAINDER 1);
                """);

        CliResult check = check(db, config(dir, "drop"));

        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(lines(check, "INFO")).anyMatch(l -> l.startsWith("INFO    targets[0] public.emails: partitioned by"
                + " HASH (id), not by range on created_at"));
    }

    private static List<String> lines(CliResult result, String severity) {
        return result.out().lines().filter(l -> l.startsWith(severity + " ")).toList();
    }

    private static CliResult check(TestDatabase db, Path config) {
        return CliRunner.run("check", "--config", config.toString(), "--db-url", db.jdbcUrl());
    }
}
