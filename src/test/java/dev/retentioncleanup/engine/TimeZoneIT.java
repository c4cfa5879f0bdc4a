package dev.retentioncleanup.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code timestamp} and {@code date} columns mean wall time in the database's zone (UTC+14 here), never in the JVM's
 * (UTC−12 here, 26 hours away): rows one hour either side of the cutoff, and the last whole day before it.
 */
@ExtendWith(FreshDatabaseExtension.class)
class TimeZoneIT {
    private TimeZone jvmZone;

    @BeforeEach
    void load(TestDatabase db) {
        jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Etc/GMT+12"));
        db.execute("ALTER DATABASE " + Tables.quote(db.databaseName()) + " SET TimeZone = 'Etc/GMT-14'");
        db.execute("""
                DROP SCHEMA public CASCADE;
                CREATE SCHEMA public;
                CREATE TABLE orgs (id int PRIMARY KEY, retention_days int);
                INSERT INTO orgs VALUES (1, 10);
                CREATE TABLE logs (id int PRIMARY KEY, org_id int NOT NULL, at timestamp NOT NULL);
                CREATE TABLE days (id int PRIMARY KEY, org_id int NOT NULL, day date NOT NULL);
                INSERT INTO logs VALUES
                    (1, 1, timezone('Etc/GMT-14', now() - interval '10 days' - interval '1 hour')),
                    (2, 1, timezone('Etc/GMT-14', now() - interval '10 days' + interval '1 hour'));
                INSERT INTO days VALUES
                    (1, 1, timezone('Etc/GMT-14', now() - interval '10 days')::date - 1),
                    (2, 1, timezone('Etc/GMT-14', now() - interval '10 days')::date);
                """);
    }

    @AfterEach
    void restore() {
        TimeZone.setDefault(jvmZone);
    }

    private static Path config(Path dir) {
        return Runs.config(dir, """
                policy: {table: orgs, key: id, retention_days: retention_days, min_days: 0}
                targets:
                  - {table: logs, key: id, timestamp: at, tenant: [org_id -> orgs.id]}
                  - {table: days, key: id, timestamp: day, tenant: [org_id -> orgs.id]}
                """);
    }

    @Test
    void wall_times_and_days_are_read_in_the_database_zone(TestDatabase db, @TempDir Path dir) {
        Path config = config(dir);

        Runs.Outcome dry = Runs.run(db, dir, config, "--dry-run");
        Runs.Outcome run = Runs.run(db, dir, config);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(Tables.column(db, "SELECT id FROM logs")).containsExactly("2");
        assertThat(Tables.column(db, "SELECT id FROM days")).containsExactly("2");
        assertThat(run.report().field("time_zone").asText()).isEqualTo("Etc/GMT-14");
        assertThat(dry.report().tables()).isEqualTo(run.report().tables());
    }

    @Test
    void time_zone_flag_overrides_the_database(TestDatabase db, @TempDir Path dir) {
        Runs.Outcome run = Runs.run(db, dir, config(dir), "--time-zone", "UTC");

        // Read as UTC, the first row's wall time is 13 hours after the cutoff: nothing is old enough.
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(Tables.column(db, "SELECT id FROM logs ORDER BY id")).containsExactly("1", "2");
        assertThat(run.report().field("time_zone").asText()).isEqualTo("UTC");
    }

    @Test
    void an_unknown_time_zone_is_a_usage_error(TestDatabase db, @TempDir Path dir) {
        Runs.Outcome run = Runs.run(db, dir, config(dir), "--time-zone", "Mars/Olympus");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.cli().err()).contains("--time-zone: the server does not know the time zone 'Mars/Olympus'");
        assertThat(Tables.column(db, "SELECT id FROM logs ORDER BY id")).containsExactly("1", "2");
    }
}
