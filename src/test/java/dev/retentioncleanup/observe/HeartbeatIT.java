package dev.retentioncleanup.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retentioncleanup.execute.AdvisoryLock;
import dev.retentioncleanup.observe.PingRecorder.Ping;
import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.StallingHttpServer;
import dev.retentioncleanup.testing.TestDatabase;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The cron-monitor heartbeat against a loopback monitor that records every ping. */
@ExtendWith(FreshDatabaseExtension.class)
class HeartbeatIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private PingRecorder monitor;

    @BeforeAll
    static void schema(TestDatabase db) {
        ObserveFixture.createSchema(db);
    }

    @BeforeEach
    void seed(TestDatabase db) {
        ObserveFixture.seed(db);
        monitor = new PingRecorder();
    }

    @AfterEach
    void stop() {
        monitor.close();
    }

    private CliResult run(TestDatabase db, Path report, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--config", ObserveFixture.CONFIG.toString(),
                "--db-url", db.jdbcUrl(), "--report", report.toString()));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    private static String runId(Path report) throws Exception {
        return JSON.readTree(Files.readString(report)).get("run_id").asText();
    }

    @Test
    void a_completed_run_pings_start_then_zero_with_the_same_rid_and_a_summary(TestDatabase db, @TempDir Path dir)
            throws Exception {
        Path report = dir.resolve("report.json");
        CliResult result = run(db, report, "--heartbeat-url", monitor.url("/ping/abc?create=1"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        ObserveFixture.assertCleaned(db);
        List<Ping> pings = monitor.pings();
        assertThat(pings).extracting(Ping::path).containsExactly("/ping/abc/start", "/ping/abc/0");
        String rid = runId(report);
        assertThat(pings).extracting(Ping::rid).containsOnly(rid);
        assertThat(pings.get(0).pathAndQuery()).isEqualTo("/ping/abc/start?create=1&rid=" + rid);
        String body = pings.get(1).body();
        assertThat(body).startsWith("completed: deleted 50 rows")
                .contains("public.outgoing_emails", "public.webhook_deliveries", "run_id: " + rid, "exit code: 0");
        assertThat(body.lines().filter(l -> l.contains("public.outgoing_emails")).findFirst().orElseThrow())
                .endsWith(" 10");
    }

    @Test
    void server_errors_are_retried_and_the_ping_arrives(TestDatabase db, @TempDir Path dir) throws Exception {
        monitor.answer(200, 503, 502); // start ok; the end ping fails twice, then gets through
        CliResult result = run(db, dir.resolve("r.json"), "--heartbeat-url", monitor.url("/hc"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(monitor.pings()).extracting(Ping::path).containsExactly("/hc/start", "/hc/0", "/hc/0", "/hc/0");
        assertThat(monitor.pings()).extracting(Ping::rid).containsOnly(runId(dir.resolve("r.json")));
    }

    @Test
    void a_client_error_is_not_retried_and_does_not_change_the_exit_code(TestDatabase db, @TempDir Path dir) {
        monitor.answer(404, 404);
        CliResult result = run(db, dir.resolve("r.json"), "--heartbeat-url", monitor.url("/hc"));

        assertThat(result.exitCode()).isZero();
        ObserveFixture.assertCleaned(db);
        assertThat(monitor.pings()).extracting(Ping::path).containsExactly("/hc/start", "/hc/0");
    }

    @Test
    void a_dry_run_sends_nothing(TestDatabase db, @TempDir Path dir) {
        CliResult result = run(db, dir.resolve("r.json"), "--dry-run", "--heartbeat-url", monitor.url("/hc"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        ObserveFixture.assertUntouched(db);
        assertThat(monitor.pings()).isEmpty();
    }

    @Test
    void a_run_skipped_by_the_lock_sends_only_a_log_event(TestDatabase db, @TempDir Path dir) throws Exception {
        long key = AdvisoryLock.keyFor(List.of("public.organizations", "public.outgoing_emails"));
        try (Connection holder = db.connect();
                PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, key);
            lock.execute();
            CliResult result = run(db, dir.resolve("r.json"), "--heartbeat-url", monitor.url("/hc"));

            assertThat(result.exitCode()).as(result.err()).isEqualTo(4);
        }
        ObserveFixture.assertUntouched(db);
        List<Ping> pings = monitor.pings();
        assertThat(pings).extracting(Ping::path).containsExactly("/hc/log");
        assertThat(pings.get(0).rid()).isEqualTo(runId(dir.resolve("r.json")));
        assertThat(pings.get(0).body()).contains("another run holds the lock");
    }

    @Test
    void a_database_that_is_down_sends_the_failure_ping_and_exits_1(@TempDir Path dir) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliResult result = CliRunner.run("run", "--config", ObserveFixture.CONFIG.toString(),
                "--db-url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/nodb?user=x", "--connect-timeout", "2s",
                "--report", dir.resolve("r.json").toString(), "--heartbeat-url", monitor.url("/hc"));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        List<Ping> pings = monitor.pings();
        assertThat(pings).extracting(Ping::path).containsExactly("/hc/1");
        assertThat(pings.get(0).rid()).isEqualTo(runId(dir.resolve("r.json")));
        assertThat(pings.get(0).body()).startsWith("failed:").contains("exit code: 1");
    }

    @Test
    void a_config_error_found_against_the_catalog_pings_exit_2(TestDatabase db, @TempDir Path dir) throws Exception {
        Path config = dir.resolve("bad.yml");
        Files.writeString(config, Files.readString(ObserveFixture.CONFIG).replace("table: outgoing_emails",
                "table: no_such_emails"));
        CliResult result = CliRunner.run("run", "--config", config.toString(), "--db-url", db.jdbcUrl(),
                "--heartbeat-url", monitor.url("/hc"));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        ObserveFixture.assertUntouched(db);
        List<Ping> pings = monitor.pings();
        assertThat(pings).extracting(Ping::path).containsExactly("/hc/2");
        assertThat(pings.get(0).body()).contains("no_such_emails");
    }

    @Test
    void a_config_file_that_does_not_load_still_pings_when_the_url_is_a_flag(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("broken.yml");
        Files.writeString(config, "policy: [\n");
        CliResult result = CliRunner.run("run", "--config", config.toString(), "--db-url", "jdbc:postgresql://h/db",
                "--heartbeat-url", monitor.url("/hc"));

        assertThat(result.exitCode()).isEqualTo(2);
        List<Ping> pings = monitor.pings();
        assertThat(pings).extracting(Ping::path).containsExactly("/hc/2");
        assertThat(pings.get(0).rid()).matches("[0-9a-f-]{36}");
        assertThat(pings.get(0).body()).startsWith("configuration error: ").contains("broken.yml");
    }

    @Test
    void each_shard_pings_a_check_of_its_own(TestDatabase db, @TempDir Path dir) throws Exception {
        CliResult result = run(db, dir.resolve("r.json"), "--shard", "0/1",
                "--heartbeat-url", monitor.url("/hc/cleanup-{shard}"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        ObserveFixture.assertCleaned(db);
        assertThat(monitor.pings()).extracting(Ping::path)
                .containsExactly("/hc/cleanup-0-of-1/start", "/hc/cleanup-0-of-1/0");
    }

    @Test
    void a_shard_whose_config_does_not_load_still_pings_its_own_check(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("broken.yml");
        Files.writeString(config, "policy: [\n");
        CliResult result = CliRunner.run("run", "--config", config.toString(), "--db-url", "jdbc:postgresql://h/db",
                "--shard", "1/2", "--heartbeat-url", monitor.url("/hc/cleanup-{shard}"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(monitor.pings()).extracting(Ping::path).containsExactly("/hc/cleanup-1-of-2/2");
    }

    @Test
    void templates_fill_rid_exit_code_and_status(TestDatabase db, @TempDir Path dir) throws Exception {
        Path report = dir.resolve("r.json");
        CliResult result = run(db, report,
                "--heartbeat-start-url", monitor.url("/cronitor/KEY/job?state=run&series={rid}"),
                "--heartbeat-success-url", monitor.url("/cronitor/KEY/job?state=complete&series={rid}&status_code={exit_code}&msg={status}"),
                "--heartbeat-failure-url", monitor.url("/cronitor/KEY/job?state=fail&series={rid}"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        String rid = runId(report);
        assertThat(monitor.pings()).extracting(Ping::pathAndQuery).containsExactly(
                "/cronitor/KEY/job?state=run&series=" + rid,
                "/cronitor/KEY/job?state=complete&series=" + rid + "&status_code=0&msg=completed");
    }

    @Test
    void a_failure_template_gets_the_failing_exit_code(@TempDir Path dir) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliResult result = CliRunner.run("run", "--config", ObserveFixture.CONFIG.toString(),
                "--db-url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/nodb?user=x", "--connect-timeout", "2s",
                "--heartbeat-success-url", monitor.url("/kuma/push/TOKEN?status=up&msg=OK"),
                "--heartbeat-failure-url", monitor.url("/kuma/push/TOKEN?status=down&msg=exit%20{exit_code}%20{status}"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(monitor.pings()).extracting(Ping::pathAndQuery)
                .containsExactly("/kuma/push/TOKEN?status=down&msg=exit%201%20failed");
    }

    @Test
    void an_environment_variable_names_the_monitor_too(TestDatabase db, @TempDir Path dir) throws Exception {
        CliResult result = CliRunner.runJar(Duration.ofMinutes(2), List.of(),
                Map.of("RETENTION_HEARTBEAT_URL", monitor.url("/env")), "run", "--config",
                ObserveFixture.CONFIG.toString(), "--db-url", db.jdbcUrl());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(monitor.pings()).extracting(Ping::path).containsExactly("/env/start", "/env/0");
    }

    /**
     * A monitor and a Pushgateway that send their headers and then stall mid-body. Each exchange is bounded as a
     * whole: the pings share their 30s budget (the start ping a third of it), the push has its 10s, so the run ends at
     * most about 40s late, with its own exit code, and the lock is released at the end as usual.
     */
    @Test
    void a_monitor_and_a_pushgateway_that_stall_mid_body_delay_the_run_at_most_their_budgets(TestDatabase db,
            @TempDir Path dir) throws Exception {
        try (StallingHttpServer stalling = new StallingHttpServer()) {
            long started = System.nanoTime();
            CliResult result = CliRunner.runJar(Duration.ofMinutes(2), List.of(), Map.of(), "run", "--config",
                    ObserveFixture.CONFIG.toString(), "--db-url", db.jdbcUrl(), "--heartbeat-url",
                    stalling.url("/hang"), "--metrics-pushgateway", stalling.url("/gw"),
                    "--report", dir.resolve("r.json").toString());
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(result.exitCode()).as(result.err()).isZero();
            ObserveFixture.assertCleaned(db);
            assertThat(took).isBetween(Duration.ofSeconds(39), Duration.ofSeconds(55)); // budgets + JVM + the run
            assertThat(result.err()).contains("heartbeat start not delivered to " + stalling.url(""),
                    "heartbeat success not delivered to " + stalling.url(""),
                    "metrics push not delivered to " + stalling.url(""), "no complete answer within");
            assertThat(JSON.readTree(Files.readString(dir.resolve("r.json"))).get("status").asText())
                    .isEqualTo("completed");
        }
    }
}
