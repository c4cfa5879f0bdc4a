package dev.retentioncleanup.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.Report;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} and {@code run --dry-run} on the example schema with the small fixture of {@link ExampleFixture}:
 * exactly the expired emails go with every row hanging off them; everything else stays, row for row.
 */
@ExtendWith(FreshDatabaseExtension.class)
class ExampleSchemaIT {
    /** min_days 3: org 1 keeps 7 days, org 2 30, org 3 has no policy, org 4 (retention 0) is floored to 3 days. */
    static final List<Long> GONE = List.of(104L, 105L, 106L, 114L, 115L, 116L, 205L, 206L, 403L, 404L, 405L, 406L);

    @BeforeEach
    void load(TestDatabase db) {
        ExampleFixture.load(db);
    }

    @Test
    void run_deletes_exactly_the_expired_emails_with_all_descendants_and_a_second_run_nothing(TestDatabase db,
            @TempDir Path dir) {
        Path config = Runs.config(dir, ExampleFixture.config(""));
        Instant before = Runs.databaseNow(db);

        Runs.Outcome first = Runs.run(db, dir, config);
        Instant after = Runs.databaseNow(db);

        assertThat(first.exitCode()).as(first.describe()).isZero();
        ExampleFixture.assertState(db, GONE);
        Report report = first.report();
        assertThat(report.status()).isEqualTo("completed");
        assertThat(report.exitCode()).isZero();
        assertThat(report.dryRun()).isFalse();
        assertThat(report.field("stop_reason").isNull()).isTrue();
        assertThat(report.tables()).isEqualTo(Map.ofEntries(
                Map.entry("public.outgoing_emails", 12L),
                Map.entry("public.email_bodies", 12L),
                Map.entry("public.email_recipients", 24L),
                Map.entry("public.email_headers", 12L),
                Map.entry("public.email_attachments", 12L),
                Map.entry("public.email_events", 24L),
                Map.entry("public.webhook_deliveries", 24L),
                Map.entry("public.email_links", 12L),
                Map.entry("public.link_clicks", 24L),
                Map.entry("public.email_tags", 24L),
                Map.entry("public.email_opens", 12L)));
        assertThat(report.tenantRows()).isEqualTo(Map.of(
                "1", Map.of("public.outgoing_emails", 6L),
                "2", Map.of("public.outgoing_emails", 2L),
                "4", Map.of("public.outgoing_emails", 4L)));
        assertCutoff(report, "1", Duration.ofDays(7), before, after);
        assertCutoff(report, "2", Duration.ofDays(30), before, after);
        assertCutoff(report, "4", Duration.ofDays(3), before, after);
        assertThat(report.skippedTenants()).containsExactly("3");
        assertThat(report.batches()).isPositive();
        assertThat(report.field("wal_bytes").asLong()).isPositive();
        assertThat(report.field("wal_bytes_estimate").isNull()).isTrue();

        Runs.Outcome second = Runs.run(db, dir, config);

        assertThat(second.exitCode()).as(second.describe()).isZero();
        ExampleFixture.assertState(db, GONE);
        assertThat(second.report().status()).isEqualTo("completed");
        assertThat(second.report().tables()).isEqualTo(zeros(ExampleFixture.deletedCounts(0)));
        // Only tenants that lost rows are listed; the second run deleted nothing.
        assertThat(second.report().tenantRows()).isEmpty();
        assertThat(second.report().skippedTenants()).containsExactly("3");
    }

    @Test
    void dry_run_changes_nothing_and_counts_exactly_what_the_following_run_deletes(TestDatabase db, @TempDir Path dir) {
        Path config = Runs.config(dir, ExampleFixture.config(""));
        Map<String, String> before = Tables.hashes(db, "public");

        Runs.Outcome dry = Runs.run(db, dir, config, "--dry-run");

        assertThat(dry.exitCode()).as(dry.describe()).isZero();
        assertThat(Tables.hashes(db, "public")).isEqualTo(before);
        ExampleFixture.assertState(db, List.of());
        Report counted = dry.report();
        assertThat(counted.status()).isEqualTo("dry_run");
        assertThat(counted.dryRun()).isTrue();
        assertThat(counted.exitCode()).isZero();
        assertThat(counted.field("wal_bytes_estimate").asLong()).isPositive();
        assertThat(counted.tables()).isEqualTo(ExampleFixture.deletedCounts(12));
        assertThat(counted.tenantRows()).isEqualTo(Map.of(
                "1", Map.of("public.outgoing_emails", 6L),
                "2", Map.of("public.outgoing_emails", 2L),
                "4", Map.of("public.outgoing_emails", 4L)));
        assertThat(counted.skippedTenants()).containsExactly("3");

        Runs.Outcome real = Runs.run(db, dir, config);

        assertThat(real.exitCode()).as(real.describe()).isZero();
        assertThat(real.report().tables()).isEqualTo(counted.tables());
        assertThat(real.report().tenantRows()).isEqualTo(counted.tenantRows());
        ExampleFixture.assertState(db, GONE);
    }

    /** The cutoff is the database's now() at run start minus the effective days. */
    private static void assertCutoff(Report report, String tenant, Duration days, Instant before, Instant after) {
        assertThat(report.cutoff(tenant)).as("cutoff of tenant %s", tenant)
                .isBetween(before.minus(days).minusSeconds(1), after.minus(days));
    }

    private static Map<String, Long> zeros(Map<String, Long> tables) {
        Map<String, Long> zeros = new LinkedHashMap<>();
        tables.keySet().forEach(t -> zeros.put(t, 0L));
        return zeros;
    }
}
