package dev.retentioncleanup.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import dev.retentioncleanup.url.PercentCoding;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A canary password, with every character that splits a URL, goes through every failure path the tool has — bad
 * URL forms, an unreachable server, a refused login, a bad or absent Pushgateway, a monitor that is down — and one
 * run that succeeds with it. No piece of it may appear in anything the tool writes: stdout, stderr (text and JSON
 * log), the report, the metrics textfile, what the monitor and the Pushgateway receive, the audit row.
 *
 * <p>The refused login needs a server that asks for a password: scripts/test-db.sh makes members of
 * {@code retention_password_login} give one over TCP (the Testcontainers image asks everyone).
 */
@ExtendWith(FreshDatabaseExtension.class)
class CanaryPasswordIT {
    private static final List<String> PIECES = List.of("pwAlpha", "pwBravo", "pwCharlie", "pwDelta", "pwEcho");
    /** The pieces joined by the characters that split a URL. */
    private static final String CANARY = "pwAlpha?pwBravo#pwCharlie@pwDelta/pwEcho:";
    private static final String ENCODED = PercentCoding.encode(CANARY);
    private static final String ROLE = "rc_secret_" + UUID.randomUUID().toString().substring(0, 8);

    /** Every text the tool produced, by where it came from. */
    private final Map<String, String> outputs = new LinkedHashMap<>();
    private PingRecorder monitor;
    private PingRecorder gateway;
    private Path dir;

    @BeforeAll
    static void schema(TestDatabase db) {
        ObserveFixture.createSchema(db);
        db.runScript(Path.of("sql/audit.sql"));
        db.runScript(Path.of("sql/grants.sql"));
        db.execute("""
                DO $$ BEGIN CREATE ROLE retention_password_login NOLOGIN;
                EXCEPTION WHEN duplicate_object THEN NULL; END $$""");
        db.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + CANARY + "' IN ROLE retention_cleanup, "
                + "retention_password_login");
        ObserveFixture.seed(db);
    }

    @AfterAll
    static void dropRole(TestDatabase db) {
        db.execute("DROP ROLE IF EXISTS " + ROLE);
    }

    @Test
    void no_piece_of_the_password_appears_in_any_output(TestDatabase db, @TempDir Path tmp) throws Exception {
        assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrlAs(ROLE, "wrong")).close())
                .as("the test server must ask %s for a password over TCP (see scripts/test-db.sh)", ROLE)
                .hasMessageContaining("password authentication failed");
        dir = tmp;
        int closed = closedPort();
        String server = db.host() + ":" + db.port();
        String database = db.databaseName();
        Path wrongPasswordFile = Files.writeString(dir.resolve("wrong-password"), CANARY + "wrong\n");
        try (PingRecorder monitorUp = new PingRecorder(); PingRecorder gatewayUp = new PingRecorder()) {
            monitor = monitorUp;
            gateway = gatewayUp;

            CliResult rawSlash = run("raw password", Map.of(), "--db-url",
                    "postgres://" + ROLE + ":" + CANARY + "@" + server + "/" + database);
            CliResult badPort = run("bad port", Map.of("DATABASE_URL",
                    "postgres://" + ROLE + ":" + ENCODED + "@" + db.host() + ":54x/" + database), "--log-format", "json");
            CliResult badScheme = run("bad scheme", Map.of(), "--db-url", "mysql://" + ROLE + ":" + CANARY + "@h/d");
            CliResult noDatabase = run("no database", Map.of(), "--db-url",
                    "postgres://" + ROLE + ":" + ENCODED + "@" + server);
            CliResult unreachable = run("unreachable", Map.of(), "--log-format", "json", "--connect-timeout", "2s",
                    "--db-url", "postgres://" + ROLE + ":" + ENCODED + "@127.0.0.1:" + closed + "/" + database,
                    "--heartbeat-url", "http://hb:" + ENCODED + "@127.0.0.1:" + closed + "/down");
            CliResult refused = run("refused login", Map.of("RETENTION_DB_PASSWORD", CANARY + "wrong"),
                    "--db-url", "postgres://" + ROLE + "@" + server + "/" + database);
            CliResult refusedCheck = runCheck("refused login, check", "--db-url",
                    "postgres://" + ROLE + "@" + server + "/" + database, "--db-password-file",
                    wrongPasswordFile.toString());
            CliResult badGateway = run("bad pushgateway URL", Map.of(), "--db-url",
                    "postgres://" + ROLE + ":" + ENCODED + "@" + server + "/" + database,
                    "--metrics-pushgateway", "http://push:" + CANARY + "@127.0.0.1:" + closed);
            CliResult gatewayDown = run("pushgateway down", Map.of(), "--log-format", "json",
                    "--db-url", "jdbc:postgresql://" + server + "/" + database + "?user=" + ROLE + "&password=" + CANARY,
                    "--metrics-pushgateway", "http://push:" + ENCODED + "@127.0.0.1:" + closed,
                    "--audit-table", "retention_audit");
            CliResult succeeded = run("success", Map.of("RETENTION_DB_PASSWORD", CANARY),
                    "--db-url", "postgres://" + ROLE + "@" + server + "/" + database,
                    "--metrics-pushgateway", gateway.url("/gw").replace("http://", "http://push:" + ENCODED + "@"),
                    "--audit-table", "retention_audit");

            // Each path was taken: the messages say what went wrong without the URL's secret parts.
            assertEnded(rawSlash, 2, "--db-url: '/' in a password and '@' after the host must be percent-encoded");
            assertEnded(badPort, 2, "DATABASE_URL: a port is not a number from 1 to 65535");
            assertEnded(badScheme, 2, "--db-url: must start with postgres://");
            assertEnded(noDatabase, 2, "--db-url: no database name");
            assertEnded(unreachable, 1, "cannot connect to PostgreSQL at 127.0.0.1:" + closed + "/" + database + " as "
                    + ROLE, "heartbeat failure not delivered to http://127.0.0.1:" + closed);
            assertEnded(refused, 1, "password authentication failed for user");
            assertEnded(refusedCheck, 1, "password authentication failed for user");
            assertEnded(badGateway, 2, "--metrics-pushgateway: '/' in a password");
            assertEnded(gatewayDown, 0, "metrics push not delivered to http://127.0.0.1:" + closed);
            assertEnded(succeeded, 0, "completed:");
            assertThat(gateway.pings()).hasSize(1);
            assertThat(monitor.pings()).extracting(PingRecorder.Ping::path).containsExactly("/hc/2", "/hc/2", "/hc/2",
                    "/hc/2", "/hc/1", "/hc/2", "/hc/start", "/hc/0", "/hc/start", "/hc/0");
        }
        for (PingRecorder.Ping ping : monitor.pings()) {
            outputs.put("heartbeat " + ping.pathAndQuery(), ping.pathAndQuery() + "\n" + ping.body());
        }
        for (PingRecorder.Ping ping : gateway.pings()) {
            outputs.put("pushgateway " + ping.pathAndQuery(), ping.pathAndQuery() + "\n" + ping.body());
        }
        outputs.put("audit rows", db.queryRows("SELECT row_to_json(a)::text FROM retention_audit a").toString());
        assertThat(db.queryLong("SELECT count(*) FROM retention_audit")).isEqualTo(2);

        assertThat(outputs).hasSize(9 * 4 + 2 + 10 + 1 + 1); // runs, the check, pings, the push, the audit rows
        outputs.forEach((where, text) -> assertThat(text).as(where).doesNotContain(PIECES));
    }

    /** A run with a report, a textfile and (unless it names another) the recording monitor; outputs kept by name. */
    private CliResult run(String name, Map<String, String> env, String... args) throws Exception {
        Path report = dir.resolve(name.replace(' ', '-') + ".json");
        Path textfile = dir.resolve(name.replace(' ', '-') + ".prom");
        List<String> all = new ArrayList<>(List.of("run", "--config", ObserveFixture.CONFIG.toString(),
                "--report", report.toString(), "--metrics-textfile", textfile.toString()));
        if (!List.of(args).contains("--heartbeat-url")) {
            all.addAll(List.of("--heartbeat-url", monitor.url("/hc").replace("http://", "http://hb:" + ENCODED + "@")));
        }
        all.addAll(List.of(args));
        CliResult result = keep(name, CliRunner.runJar(Duration.ofMinutes(1), List.of(), env, all.toArray(String[]::new)));
        // A start refused before the settings resolve (a bad Pushgateway URL) writes neither.
        outputs.put(name + ": report", Files.exists(report) ? Files.readString(report) : "");
        outputs.put(name + ": metrics textfile", Files.exists(textfile) ? Files.readString(textfile) : "");
        return result;
    }

    private static void assertEnded(CliResult result, int exitCode, String... said) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(exitCode);
        assertThat(result.err()).contains(said);
    }

    private CliResult runCheck(String name, String... args) {
        List<String> all = new ArrayList<>(List.of("check", "--config", ObserveFixture.CONFIG.toString()));
        all.addAll(List.of(args));
        return keep(name, CliRunner.runJar(Duration.ofMinutes(1), List.of(), Map.of(), all.toArray(String[]::new)));
    }

    private CliResult keep(String name, CliResult result) {
        outputs.put(name + ": stdout", result.out());
        outputs.put(name + ": stderr", result.err());
        return result;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
