package dev.retentioncleanup.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.Report;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A million tenants, each with its own policy row, through a 192 MB heap: the cutoffs live in a temporary table on
 * the server, not in arrays bound to every statement, and the report lists only the tenants that lost rows.
 */
@ExtendWith(FreshDatabaseExtension.class)
class ManyTenantsIT {
    private static final int TENANTS = 1_000_000;

    @Test
    void a_million_tenants_with_192mb_heap(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("""
                CREATE TABLE tenants (id bigint PRIMARY KEY, retention_days int);
                INSERT INTO tenants SELECT g, 10 + g %% 50 FROM generate_series(1, %d) g;
                CREATE TABLE events (id bigint PRIMARY KEY, tenant_id bigint NOT NULL REFERENCES tenants,
                                     created_at timestamptz NOT NULL);
                -- every 10th tenant has an event older than any retention, every 7th one younger than all
                INSERT INTO events SELECT g, g, now() - interval '100 days' FROM generate_series(10, %d, 10) g;
                INSERT INTO events SELECT %d + g, g, now() - interval '1 day' FROM generate_series(7, %d, 7) g;
                CREATE INDEX ON events (created_at);
                ANALYZE;
                """.formatted(TENANTS, TENANTS, TENANTS, TENANTS));
        Path config = dir.resolve("retention.yml");
        Files.writeString(config, """
                policy: {table: tenants, key: id, retention_days: retention_days}
                targets:
                  - {table: events, key: id, timestamp: created_at, tenant: [tenant_id -> tenants.id]}
                """);
        Path report = dir.resolve("report.json");

        CliResult run = JarRun.start(dir, List.of("-Xmx192m"), "run", "--config", config.toString(),
                "--db-url", db.libpqUri(), "--report", report.toString()).await(Duration.ofMinutes(10));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("OutOfMemoryError");
        JsonNode json = Report.read(report).json();
        assertThat(json.get("tables").get("public.events").asLong()).isEqualTo(TENANTS / 10);
        assertThat(json.get("tenants").size()).isEqualTo(TENANTS / 10);
        assertThat(db.queryLong("SELECT count(*) FROM events")).isEqualTo(TENANTS / 7);
        assertThat(db.queryLong("SELECT count(*) FROM events WHERE created_at < now() - interval '50 days'")).isZero();
    }
}
