package dev.retentioncleanup.guard;

import static dev.retentioncleanup.guard.GuardFixture.assertKeptAndNoOrphans;
import static dev.retentioncleanup.guard.GuardFixture.oldLeft;
import static dev.retentioncleanup.guard.GuardFixture.poll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar in its own JVM: SIGTERM (graceful, and cancelling a batch past the grace) and the pause file. */
@ExtendWith(FreshDatabaseExtension.class)
class ShutdownAndPauseIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OLD = 3_000;

    @TempDir
    Path dir;
    private TestDatabase db;
    private Path config;

    @BeforeEach
    void setUp(TestDatabase db) throws Exception {
        this.db = db;
        GuardFixture.create(db, OLD);
        this.config = GuardFixture.config(dir);
    }

    private Process start(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--config", config.toString(), "--db-url", db.jdbcUrl(),
                "--report", dir.resolve("report.json").toString()));
        args.addAll(List.of(extra));
        return CliRunner.start(List.of("-Xmx256m"), Map.of(), dir.resolve("out.txt"), dir.resolve("err.txt"),
                args.toArray(String[]::new));
    }

    private String stderr() {
        try {
            return Files.readString(dir.resolve("err.txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode report() throws IOException {
        return JSON.readTree(Files.readString(dir.resolve("report.json")));
    }

    private long ourSessions() {
        return db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'retention-cleanup'");
    }

    private void rerunCompletes() {
        CliResult rerun = CliRunner.run("run", "--config", config.toString(), "--db-url", db.jdbcUrl());
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(oldLeft(db)).isZero();
        assertKeptAndNoOrphans(db);
    }

    @Test
    void sigtermMidRunLetsTheBatchCommitReportsAndExits143() throws Exception {
        Process process = start("--batch-size", "20", "--sleep", "100ms", "--shutdown-grace", "10s");
        poll(Duration.ofSeconds(60), "some batches to commit", () -> oldLeft(db) < OLD - 40);
        long signalledAt = System.nanoTime();
        process.destroy(); // SIGTERM
        assertThat(process.waitFor(10 + 15, TimeUnit.SECONDS)).as(stderr()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - signalledAt)).isLessThan(Duration.ofSeconds(10));
        assertThat(process.exitValue()).as(stderr()).isEqualTo(143);
        JsonNode report = report();
        assertThat(report.get("status").asText()).isEqualTo("stopped");
        assertThat(report.get("exit_code").asInt()).isEqualTo(143);
        assertThat(report.get("stop_reason").asText()).startsWith("SIGTERM received: stopped before the next batch");
        long left = oldLeft(db);
        assertThat(left).isPositive();
        assertThat(report.get("tables").get("public.events").asLong()).isEqualTo(OLD - left);
        poll(Duration.ofSeconds(10), "our sessions to end", () -> ourSessions() == 0);
        assertKeptAndNoOrphans(db);
        rerunCompletes();
    }

    @Test
    void aBatchStillRunningAfterTheGraceIsCancelledAndRolledBack() throws Exception {
        // Every delete from event_details by the tool sleeps: the batch cannot finish within the grace.
        db.execute("""
                CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF current_setting('application_name') = 'retention-cleanup' THEN PERFORM pg_sleep(60); END IF;
                  RETURN NULL;
                END $$;
                CREATE TRIGGER slow BEFORE DELETE ON event_details FOR EACH STATEMENT EXECUTE FUNCTION slow();
                """);
        Process process = start("--batch-size", "20", "--shutdown-grace", "1s");
        poll(Duration.ofSeconds(60), "the batch to be sleeping", () -> db.queryLong("SELECT count(*) FROM pg_stat_activity"
                + " WHERE application_name = 'retention-cleanup' AND wait_event = 'PgSleep'") == 1);
        process.destroy();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as(stderr()).isTrue();
        assertThat(process.exitValue()).as(stderr()).isEqualTo(143);
        JsonNode report = report();
        assertThat(report.get("stop_reason").asText()).startsWith("SIGTERM received")
                .endsWith("the batch in flight was cancelled and rolled back");
        assertThat(report.get("batches").asLong()).isZero();
        assertThat(oldLeft(db)).isEqualTo(OLD);
        assertThat(stderr()).doesNotContain("retry"); // our own cancel (57014) is not retried
        poll(Duration.ofSeconds(10), "our sessions to end", () -> ourSessions() == 0);
        assertKeptAndNoOrphans(db);
        db.execute("DROP TRIGGER slow ON event_details");
        rerunCompletes();
    }

    @Test
    void pauseFilePausesUntilRemovedThenTheRunFinishes() throws Exception {
        Path pause = Files.createFile(dir.resolve("pause"));
        Process process = start("--batch-size", "500", "--pause-file", pause.toString(), "--guard-wait", "2m");
        poll(Duration.ofSeconds(60), "the run to pause", () -> stderr().contains("guard pause_file pauses the run"));
        Thread.sleep(1500); // a paused run must stay paused: nothing may be deleted meanwhile
        assertThat(process.isAlive()).isTrue();
        assertThat(oldLeft(db)).isEqualTo(OLD);
        Files.delete(pause);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(stderr()).isTrue();
        assertThat(process.exitValue()).as(stderr()).isZero();
        assertThat(oldLeft(db)).isZero();
        assertKeptAndNoOrphans(db);
        JsonNode events = report().get("guard_events");
        assertThat(events.findValuesAsText("guard")).containsExactly("pause_file");
        assertThat(events.findValuesAsText("action")).containsExactly("pause");
    }

    @Test
    void aPauseFileWhoseExistenceCannotBeToldStopsBeforeTheFirstBatch() throws Exception {
        Path pause = Files.createFile(dir.resolve("not-a-dir")).resolve("pause"); // ENOTDIR, also as root
        CliResult stopped = CliRunner.run("run", "--config", config.toString(), "--db-url", db.jdbcUrl(),
                "--report", dir.resolve("report.json").toString(), "--pause-file", pause.toString());
        assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(3);
        assertThat(report().get("stop_reason").asText()).isEqualTo("fail closed, nothing deleted: --pause-file cannot"
                + " tell whether " + pause + " exists (Not a directory), so the brake may be on and the run stops;"
                + " every part of the path before the file must be a directory this user can search");
        assertThat(oldLeft(db)).isEqualTo(OLD);
        assertKeptAndNoOrphans(db);
    }

    @Test
    void aPauseFileThatBecomesUnreadableMidRunStopsTheRunAtOnce() throws Exception {
        Path brakes = Files.createDirectory(dir.resolve("brakes"));
        Path pause = brakes.resolve("pause");
        Process process = start("--batch-size", "20", "--sleep", "100ms", "--pause-file", pause.toString(),
                "--guard-wait", "2m");
        poll(Duration.ofSeconds(60), "some batches to commit", () -> oldLeft(db) < OLD - 40);
        Files.delete(brakes);
        Files.createFile(brakes); // the brake's directory is now a regular file: no one can tell if the brake is on
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(stderr()).isTrue();
        assertThat(process.exitValue()).as(stderr()).isEqualTo(3);
        JsonNode report = report();
        assertThat(report.get("stop_reason").asText()).startsWith("guard pause_file: --pause-file cannot tell whether "
                + pause + " exists (Not a directory)");
        long left = oldLeft(db);
        assertThat(left).isPositive().isLessThan(OLD - 40);
        assertThat(report.get("tables").get("public.events").asLong()).isEqualTo(OLD - left);
        assertKeptAndNoOrphans(db);
    }
}
