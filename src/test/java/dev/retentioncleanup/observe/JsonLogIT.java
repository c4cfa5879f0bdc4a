package dev.retentioncleanup.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** --log-format json, run as the jar: every stderr line is one JSON object with the documented fields. */
@ExtendWith(FreshDatabaseExtension.class)
class JsonLogIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void schema(TestDatabase db) {
        ObserveFixture.createSchema(db);
    }

    @BeforeEach
    void seed(TestDatabase db) {
        ObserveFixture.seed(db);
    }

    private static List<JsonNode> lines(String stderr) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            if (!line.isEmpty()) {
                JsonNode node = JSON.readTree(line); // throws on any line that is not JSON
                assertThat(node.isObject()).as(line).isTrue();
                out.add(node);
            }
        }
        return out;
    }

    @Test
    void every_line_of_a_verbose_run_is_a_json_object_with_the_run_id(TestDatabase db, @TempDir Path dir)
            throws Exception {
        Path report = dir.resolve("r.json");
        CliResult result = CliRunner.runJar(Duration.ofMinutes(2), List.of(), Map.of(), "run", "-v", "--log-format",
                "json", "--config", ObserveFixture.CONFIG.toString(), "--db-url", db.jdbcUrl(), "--report",
                report.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        ObserveFixture.assertCleaned(db);
        String runId = JSON.readTree(Files.readString(report)).get("run_id").asText();
        List<JsonNode> lines = lines(result.err());
        assertThat(lines).isNotEmpty().allSatisfy(l -> {
            assertThat(l.get("ts").asText()).satisfies(ts -> Instant.parse(ts));
            assertThat(l.get("level").asText()).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(l.get("event").asText()).isNotBlank();
            assertThat(l.has("msg")).isTrue();
            assertThat(l.get("run_id").asText()).isEqualTo(runId);
        });
        assertThat(lines).extracting(l -> l.get("event").asText())
                .contains("policies_read", "run_started", "batch_committed", "table_done", "run_finished");

        JsonNode batch = lines.stream().filter(l -> l.get("event").asText().equals("batch_committed")).findFirst()
                .orElseThrow();
        assertThat(batch.get("table").asText()).isEqualTo("public.outgoing_emails");
        assertThat(batch.get("rows").isIntegralNumber()).isTrue();
        assertThat(batch.get("rows").asLong()).isEqualTo(ObserveFixture.DELETED_ROWS);
        assertThat(batch.get("duration_ms").isIntegralNumber()).isTrue();

        JsonNode emails = lines.stream().filter(l -> l.get("event").asText().equals("table_done")
                && l.get("table").asText().equals("public.outgoing_emails")).findFirst().orElseThrow();
        assertThat(emails.get("rows").asLong()).isEqualTo(ObserveFixture.DELETED_EMAILS);
        JsonNode tenant = lines.stream().filter(l -> l.get("event").asText().equals("tenant_done")).findFirst()
                .orElseThrow();
        assertThat(tenant.get("tenant").asText()).isEqualTo("1");
        assertThat(tenant.get("rows").asLong()).isEqualTo(ObserveFixture.DELETED_EMAILS);

        JsonNode finished = lines.get(lines.size() - 1);
        assertThat(finished.get("event").asText()).isEqualTo("run_finished");
        assertThat(finished.get("status").asText()).isEqualTo("completed");
        assertThat(finished.get("exit_code").asInt()).isZero();
        assertThat(finished.get("rows").asLong()).isEqualTo(ObserveFixture.DELETED_ROWS);
        assertThat(finished.get("duration_ms").isIntegralNumber()).isTrue();
    }

    @Test
    void progress_lines_arrive_every_interval_when_stderr_is_not_a_terminal(TestDatabase db) throws Exception {
        // 120 batches of 1 row with a 50ms sleep between them: the run lasts a few seconds, progress every 500ms.
        db.execute("INSERT INTO outgoing_emails (id, domain_id, message_id, from_address, subject, status, created_at) "
                + "SELECT e, 1, 'p' || e, 'n@x.example', 's', 'delivered', now() - interval '50 days' "
                + "FROM generate_series(100, 209) AS e");
        CliResult result = CliRunner.runJar(Duration.ofMinutes(2), List.of(), Map.of(), "run", "--log-format", "json",
                "--config", ObserveFixture.CONFIG.toString(), "--db-url", db.jdbcUrl(), "--batch-size", "1",
                "--sleep", "50ms", "--progress-interval", "500ms");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM outgoing_emails")).isEqualTo(ObserveFixture.SURVIVING_EMAILS);
        List<JsonNode> progress = lines(result.err()).stream()
                .filter(l -> l.get("event").asText().equals("progress")).toList();
        assertThat(progress).isNotEmpty().allSatisfy(p -> {
            assertThat(p.get("rows").isIntegralNumber()).isTrue();
            assertThat(p.get("table").asText()).matches("-|public\\.[a-z_]+"); // "-" before the first batch
            assertThat(p.get("guard_state").asText()).isEqualTo("running");
            assertThat(p.get("msg").asText()).startsWith("progress: deleted ");
        });
        List<Long> rows = progress.stream().map(p -> p.get("rows").asLong()).toList();
        assertThat(rows).isSorted();
        assertThat(progress).anySatisfy(p -> assertThat(p.get("table").asText()).isEqualTo("public.outgoing_emails"));
        assertThat(rows.get(rows.size() - 1)).isLessThanOrEqualTo(ObserveFixture.DELETED_ROWS + 110);
    }

    @Test
    void the_text_log_stays_human(TestDatabase db) {
        CliResult result = CliRunner.runJar(Duration.ofMinutes(2), List.of(), Map.of(), "run",
                "--config", ObserveFixture.CONFIG.toString(), "--db-url", db.jdbcUrl());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("INFO  completed: deleted 50 rows").doesNotContain("{\"ts\"");
    }

    @Test
    void a_configuration_error_is_a_json_line_too(TestDatabase db, @TempDir Path dir) throws Exception {
        Path config = dir.resolve("bad.yml");
        Files.writeString(config, Files.readString(ObserveFixture.CONFIG).replace("table: outgoing_emails",
                "table: no_such_emails"));
        CliResult result = CliRunner.runJar(Duration.ofMinutes(2), List.of(), Map.of(), "run", "--log-format", "json",
                "--config", config.toString(), "--db-url", db.jdbcUrl());

        assertThat(result.exitCode()).isEqualTo(2);
        List<JsonNode> lines = lines(result.err());
        JsonNode last = lines.get(lines.size() - 1);
        assertThat(last.get("event").asText()).isEqualTo("failed");
        assertThat(last.get("level").asText()).isEqualTo("ERROR");
        assertThat(last.get("exit_code").asInt()).isEqualTo(2);
        assertThat(last.get("msg").asText()).contains("no_such_emails");
        ObserveFixture.assertUntouched(db);
    }
}
