package dev.retentioncleanup.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Metrics as node_exporter (textfile) and Prometheus through a real Pushgateway see them, parsed. */
@ExtendWith(FreshDatabaseExtension.class)
class MetricsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> EMAILS = Map.of("table", "public.outgoing_emails");
    private static final Map<String, String> JOB = Map.of("job", "retention_cleanup");

    @BeforeAll
    static void schema(TestDatabase db) {
        ObserveFixture.createSchema(db);
    }

    @BeforeEach
    void seed(TestDatabase db) {
        ObserveFixture.seed(db);
    }

    private static CliResult run(TestDatabase db, Path report, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--config", ObserveFixture.CONFIG.toString(),
                "--db-url", db.jdbcUrl(), "--report", report.toString()));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    private static CliResult runAgainstClosedPort(Path report, String... extra) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        List<String> args = new ArrayList<>(List.of("run", "--config", ObserveFixture.CONFIG.toString(),
                "--db-url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/nodb?user=x", "--connect-timeout", "2s",
                "--report", report.toString()));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void the_textfile_holds_every_metric_of_the_run_with_its_description(TestDatabase db, @TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("textfile/retention.prom");
        Path report = dir.resolve("r.json");
        CliResult result = run(db, report, "--metrics-textfile", file.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        ObserveFixture.assertCleaned(db);
        // node_exporter runs as another user.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        JsonNode rep = JSON.readTree(Files.readString(report));
        PromText m = PromText.parse(Files.readString(file));
        assertThat(m.value("retention_rows_deleted_total", EMAILS)).contains(10.0);
        assertThat(m.value("retention_rows_deleted_total", Map.of("table", "public.webhook_deliveries"))).contains(10.0);
        assertThat(m.value("retention_rows_deleted_total", Map.of("table", "public.link_clicks"))).contains(0.0);
        assertThat(m.named("retention_rows_deleted_total")).hasSize(11)
                .extracting(PromText.Sample::value).containsOnly(0.0, 10.0);
        assertThat(m.named("retention_rows_deleted_total").stream().mapToDouble(PromText.Sample::value).sum())
                .isEqualTo(ObserveFixture.DELETED_ROWS);
        assertThat(m.value("retention_batches_total", Map.of())).contains(rep.get("batches").asDouble());
        assertThat(m.value("retention_batch_duration_seconds_count", Map.of())).contains(rep.get("batches").asDouble());
        assertThat(m.value("retention_wal_bytes_total", Map.of())).contains(rep.get("wal_bytes").asDouble());
        assertThat(m.value("retention_last_run_exit_code", Map.of())).contains(0.0);
        double finished = Instant.parse(rep.get("finished_at").asText()).toEpochMilli() / 1000.0;
        assertThat(m.value("retention_last_success_timestamp_seconds", Map.of()).orElseThrow()).isEqualTo(finished);
        double took = (Instant.parse(rep.get("finished_at").asText()).toEpochMilli()
                - Instant.parse(rep.get("started_at").asText()).toEpochMilli()) / 1000.0;
        assertThat(m.value("retention_run_duration_seconds", Map.of()).orElseThrow()).isEqualTo(took, within(0.001));
        assertThat(m.named("retention_eligible_rows")).isEmpty();
        assertThat(m.help.keySet()).contains("retention_rows_deleted_total", "retention_batches_total",
                "retention_batch_duration_seconds", "retention_wal_bytes_total", "retention_run_duration_seconds",
                "retention_last_run_exit_code", "retention_last_success_timestamp_seconds");
        assertThat(m.help.values()).allSatisfy(help -> assertThat(help).isNotBlank());
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // the temp file was renamed, none left behind
        }
    }

    @Test
    void a_failed_run_rewrites_the_textfile_but_keeps_the_last_success(TestDatabase db, @TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("retention.prom");
        assertThat(run(db, dir.resolve("ok.json"), "--metrics-textfile", file.toString()).exitCode()).isZero();
        double success = PromText.parse(Files.readString(file))
                .value("retention_last_success_timestamp_seconds", Map.of()).orElseThrow();

        CliResult failed = runAgainstClosedPort(dir.resolve("failed.json"), "--metrics-textfile", file.toString());

        assertThat(failed.exitCode()).isEqualTo(1);
        PromText m = PromText.parse(Files.readString(file));
        assertThat(m.value("retention_last_run_exit_code", Map.of())).contains(1.0);
        assertThat(m.value("retention_last_success_timestamp_seconds", Map.of())).contains(success);
        assertThat(m.named("retention_rows_deleted_total")).isEmpty();
    }

    @Test
    void a_dry_run_leaves_the_textfile_alone(TestDatabase db, @TempDir Path dir) {
        Path file = dir.resolve("retention.prom");
        CliResult result = run(db, dir.resolve("r.json"), "--dry-run", "--metrics-textfile", file.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(file).doesNotExist();
        ObserveFixture.assertUntouched(db);
    }

    @Test
    void the_pushgateway_serves_the_run_as_job_retention_cleanup(TestDatabase db, @TempDir Path dir) throws Exception {
        try (Pushgateways gateway = Pushgateways.start()) {
            Path report = dir.resolve("r.json");
            CliResult result = run(db, report, "--metrics-pushgateway", gateway.url());

            assertThat(result.exitCode()).as(result.err()).isZero();
            PromText m = gateway.metrics();
            assertThat(m.named("retention_rows_deleted_total")).hasSize(11)
                    .allSatisfy(s -> assertThat(s.labels()).containsEntry("job", "retention_cleanup")
                            .containsEntry("instance", "").doesNotContainKeys("shard", "dry_run"));
            assertThat(m.value("retention_rows_deleted_total", EMAILS)).contains(10.0);
            assertThat(m.value("retention_last_run_exit_code", JOB)).contains(0.0);
            assertThat(m.value("retention_batches_total", JOB))
                    .contains(JSON.readTree(Files.readString(report)).get("batches").asDouble());
            assertThat(m.value("push_failure_time_seconds", JOB)).contains(0.0);
            double success = m.value("retention_last_success_timestamp_seconds", JOB).orElseThrow();
            assertThat(m.help.get("retention_rows_deleted_total")).isEqualTo("Rows deleted by this run, per table");

            // A later failure replaces the metrics it pushes, but not the time of the last success.
            assertThat(runAgainstClosedPort(dir.resolve("f.json"), "--metrics-pushgateway", gateway.url()).exitCode())
                    .isEqualTo(1);
            PromText after = gateway.metrics();
            assertThat(after.value("retention_last_run_exit_code", JOB)).contains(1.0);
            assertThat(after.value("retention_last_success_timestamp_seconds", JOB)).contains(success);
        }
    }

    @Test
    void a_dry_run_pushes_eligible_rows_in_its_own_group_and_shards_push_apart(TestDatabase db, @TempDir Path dir)
            throws Exception {
        try (Pushgateways gateway = Pushgateways.start()) {
            CliResult dry = run(db, dir.resolve("d.json"), "--dry-run", "--metrics-pushgateway", gateway.url());
            assertThat(dry.exitCode()).as(dry.err()).isZero();
            CliResult shard = run(db, dir.resolve("s.json"), "--shard", "0/1", "--metrics-pushgateway", gateway.url());
            assertThat(shard.exitCode()).as(shard.err()).isZero();

            PromText m = gateway.metrics();
            assertThat(m.value("retention_eligible_rows", Map.of("dry_run", "true", "table", "public.outgoing_emails")))
                    .contains(10.0);
            assertThat(m.named("retention_eligible_rows")).hasSize(11)
                    .allSatisfy(s -> assertThat(s.labels()).containsEntry("dry_run", "true"));
            assertThat(m.value("retention_rows_deleted_total", Map.of("shard", "0-of-1", "table", "public.outgoing_emails")))
                    .contains(10.0);
            assertThat(m.named("retention_rows_deleted_total")).allSatisfy(
                    s -> assertThat(s.labels()).containsEntry("shard", "0-of-1").doesNotContainKey("dry_run"));
            assertThat(m.named("retention_last_run_exit_code")).hasSize(2);
        }
    }

    @Test
    void a_pushgateway_that_is_down_is_logged_and_does_not_change_the_exit_code(TestDatabase db, @TempDir Path dir)
            throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliResult result = run(db, dir.resolve("r.json"), "--metrics-pushgateway", "http://127.0.0.1:" + closedPort);

        assertThat(result.exitCode()).isZero();
        ObserveFixture.assertCleaned(db);
    }

    /** The URL's user info, or a user and a password file (which win), go as Basic auth; the URL keeps none of it. */
    @Test
    void the_pushgateway_gets_basic_auth_from_its_url_or_from_a_password_file(TestDatabase db, @TempDir Path dir)
            throws Exception {
        try (PingRecorder gateway = new PingRecorder()) {
            String withUserInfo = gateway.url("/gw").replace("http://", "http://push:p%40ss@");
            CliResult fromUrl = run(db, dir.resolve("a.json"), "--metrics-pushgateway", withUserInfo);
            Path passwordFile = Files.writeString(dir.resolve("gw-password"), "from-file\n");
            CliResult fromFile = run(db, dir.resolve("b.json"), "--metrics-pushgateway", withUserInfo,
                    "--metrics-pushgateway-user", "other", "--metrics-pushgateway-password-file", passwordFile.toString());

            assertThat(fromUrl.exitCode()).as(fromUrl.err()).isZero();
            assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
            assertThat(gateway.pings()).extracting(PingRecorder.Ping::pathAndQuery, PingRecorder.Ping::authorization)
                    .containsExactly(
                            tuple("/gw/metrics/job/retention_cleanup", "Basic cHVzaDpwQHNz"),    // push:p@ss
                            tuple("/gw/metrics/job/retention_cleanup", "Basic b3RoZXI6ZnJvbS1maWxl")); // other:from-file
        }
    }
}
