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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backlog of a million target rows (a first run after months without one) goes through a 64 MB heap with
 * the default batch sizing, with and without archiving: nothing beyond the current batch is held in memory (an
 * archive file streams from COPY to disk).
 */
@ExtendWith(FreshDatabaseExtension.class)
class BacklogIT {
    private static final Logger LOG = LoggerFactory.getLogger(BacklogIT.class);
    private static final int ROWS = 1_000_000;
    private static final int KEPT = 1_000; // tenant 2, no policy

    @ParameterizedTest(name = "archived: {0}")
    @ValueSource(booleans = {false, true})
    void a_million_rows_with_64mb_heap(boolean archived, TestDatabase db, @TempDir Path dir) throws Exception {
        long seeding = System.nanoTime();
        db.runScript(EmailFixture.resource("robustness/backlog.sql"));
        db.execute("SELECT backlog_seed(" + ROWS + ")");
        db.runScript(EmailFixture.resource("robustness/backlog-indexes.sql"));
        LOG.info("BacklogIT: seeded {} + {} rows with children in {} s", ROWS, KEPT, seconds(seeding));
        Path config = dir.resolve("retention.yml");
        Files.writeString(config, """
                policy:
                  table: tenants
                  key: id
                  retention_days: retention_days
                targets:
                  - table: events
                    key: id
                    timestamp: created_at
                    tenant: [tenant_id -> tenants.id]
                    children: auto
                """);
        Path report = dir.resolve("report.json");

        long running = System.nanoTime();
        List<String> args = new ArrayList<>(List.of("run", "--config", config.toString(), "--db-url", db.libpqUri(),
                "--report", report.toString()));
        if (archived) {
            args.addAll(List.of("--archive-dir", dir.resolve("archive").toString()));
        }
        CliResult run = JarRun.start(dir, List.of("-Xmx64m"), args.toArray(String[]::new)).await(Duration.ofMinutes(10));
        LOG.info("BacklogIT: the run deleted {} events and their notes in {} s{}", ROWS, seconds(running),
                archived ? ", archiving them" : "");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("OutOfMemoryError");
        JsonNode json = Report.read(report).json();
        assertThat(json.get("status").asText()).isEqualTo("completed");
        assertThat(json.get("tables").get("public.events").asLong()).isEqualTo(ROWS);
        assertThat(json.get("tables").get("public.notes").asLong()).isEqualTo(ROWS);
        assertThat(json.get("skipped_tenants").toString()).isEqualTo("[\"2\"]");
        assertThat(json.get("archive").isNull()).isEqualTo(!archived);
        if (archived) {
            assertThat(json.get("archive").get("rows").asLong()).isEqualTo(2L * ROWS);
        }
        assertThat(db.queryRows("SELECT tenant_id, count(*), min(id), max(id) FROM events GROUP BY tenant_id"))
                .containsExactly(List.of(2L, (long) KEPT, (long) ROWS + 1, (long) ROWS + KEPT));
        assertThat(db.queryLong("SELECT count(*) FROM notes")).isEqualTo(KEPT);
        assertThat(db.queryLong("SELECT count(*) FROM notes n JOIN events e ON e.id = n.event_id WHERE e.tenant_id = 2"))
                .isEqualTo(KEPT);
    }

    private static String seconds(long since) {
        return String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - since) / 1e9);
    }
}
