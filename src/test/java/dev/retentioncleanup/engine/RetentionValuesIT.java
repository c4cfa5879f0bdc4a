package dev.retentioncleanup.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention read from a {@code numeric} column: NaN and infinity keep the tenant whole with a reason, a fraction
 * rounds up (keeps longer), a huge value keeps everything; the other tenants' cleanup goes on.
 */
@ExtendWith(FreshDatabaseExtension.class)
class RetentionValuesIT {
    @Test
    void unusable_values_skip_the_tenant_and_fractions_round_up(TestDatabase db, @TempDir Path dir) {
        db.execute("""
                CREATE TABLE orgs (id int PRIMARY KEY, retention_days numeric);
                INSERT INTO orgs VALUES (1, 'NaN'), (2, 30.2), (3, 1e30), (4, 'Infinity'), (5, -3.5);
                CREATE TABLE emails (id int PRIMARY KEY, org_id int NOT NULL, created_at timestamptz NOT NULL);
                INSERT INTO emails VALUES
                    (1, 1, now() - interval '5000 days'),
                    (2, 2, now() - interval '30 days 12 hours'), -- older than 30.2 days, younger than 31: kept
                    (3, 2, now() - interval '31 days 1 hour'),
                    (4, 3, now() - interval '50000 days'),
                    (5, 4, now() - interval '5000 days'),
                    (6, 5, now() - interval '1 hour'),             -- negative retention: min_days 1 keeps it
                    (7, 5, now() - interval '25 hours');
                """);
        Path config = Runs.config(dir, """
                policy: {table: orgs, key: id, retention_days: retention_days, min_days: 1}
                targets:
                  - {table: emails, key: id, timestamp: created_at, tenant: [org_id -> orgs.id]}
                """);

        Runs.Outcome run = Runs.run(db, dir, config);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(Tables.column(db, "SELECT id FROM emails ORDER BY id")).containsExactly("1", "2", "4", "5", "6");
        assertThat(run.report().skippedReasons()).containsOnlyKeys("1", "3", "4");
        assertThat(run.report().skippedReasons().get("1")).isEqualTo("unusable retention value 'NaN'");
        assertThat(run.report().skippedReasons().get("4")).isEqualTo("unusable retention value 'Infinity'");
        assertThat(run.report().skippedReasons().get("3")).contains("keeps everything");
        assertThat(run.report().tenantRows().get("2")).containsEntry("public.emails", 1L);
    }
}
