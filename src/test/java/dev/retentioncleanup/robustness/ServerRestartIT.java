package dev.retentioncleanup.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.Report;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server restarts mid-run ({@code pg_ctl restart -m fast}, as in a failover or a minor upgrade): the run
 * reconnects and completes within its retry budget, or, with no retries allowed, exits 1 with one clear line.
 * Either way only whole batches were ever committed.
 */
@ExtendWith(FreshDatabaseExtension.class)
class ServerRestartIT {
    private static final int EMAILS = 200;
    private static final int BATCH = 2;

    @Test
    void run_reconnects_and_completes(TestDatabase db, @TempDir Path dir) throws Exception {
        TestCluster cluster = TestCluster.require(db);
        EmailFixture fixture = EmailFixture.create(db, EMAILS, dir);
        Path report = dir.resolve("report.json");
        CliResult result;
        try (JarRun run = startSlowRun(fixture, dir, report)) {
            restartMidRun(cluster, fixture, run);
            // The restart ended the session holding the run lock, and with it the lock: the run must take it
            // again, or a second run could now work beside it.
            Poll.until(Duration.ofSeconds(60), "the run to hold its advisory lock again",
                    () -> advisoryLocksOfTheTool(db) == 1, () -> ToolSessions.describe(db) + "\n" + run.stderr());
            CliResult second = CliRunner.run(fixture.runArgs());
            assertThat(second.exitCode()).as("a second run after the restart: " + second.err()).isEqualTo(4);
            assertThat(run.isAlive()).isTrue();
            result = run.await(Duration.ofSeconds(120));
        }
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).as("a batch met the restart and was retried").containsPattern("retry 1/5");
        JsonNode json = Report.read(report).json();
        assertThat(json.get("status").asText()).isEqualTo("completed");
        assertThat(json.get("tables").get(EmailFixture.TARGET).asLong()).isEqualTo(fixture.eligibleIds().size());
        assertThat(json.get("wal_bytes").isNumber()).as("WAL measured although the job's first session died").isTrue();
        assertThat(result.err()).as("one line per broken connection, no stack trace").doesNotContain("\tat ");
        fixture.assertCompleted();
    }

    @Test
    void without_retries_it_fails_with_one_line_and_whole_batches(TestDatabase db, @TempDir Path dir) throws Exception {
        TestCluster cluster = TestCluster.require(db);
        EmailFixture fixture = EmailFixture.create(db, EMAILS, dir);
        Path report = dir.resolve("report.json");
        CliResult result;
        try (JarRun run = startSlowRun(fixture, dir, report, "--max-retries", "0")) {
            restartMidRun(cluster, fixture, run);
            result = run.await(Duration.ofSeconds(120));
        }
        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        JsonNode json = Report.read(report).json();
        assertThat(json.get("status").asText()).isEqualTo("failed");
        assertThat(json.get("stop_reason").asText()).as("the reason is one line").doesNotContain("\n").isNotBlank();
        assertThat(result.err()).contains(json.get("stop_reason").asText());
        assertThat(result.err()).as("no stack trace without -v").doesNotContain("\tat ");
        long gone = json.get("tables").get(EmailFixture.TARGET).asLong();
        assertThat(gone % BATCH).as("only whole batches: %d emails", gone).isZero();
        assertThat(EMAILS - fixture.remainingCount()).as("what the report says went is what went").isEqualTo(gone);
        fixture.assertOldestEligibleGone((int) gone);

        CliResult rerun = CliRunner.run(fixture.runArgs());
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        fixture.assertCompleted();
    }

    private static long advisoryLocksOfTheTool(TestDatabase db) {
        return db.queryLong("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = 'retention-cleanup'"
                + " AND a.datname = current_database()");
    }

    /** Small batches with a pause: the run takes several seconds, so the restart lands in its middle. */
    private static JarRun startSlowRun(EmailFixture fixture, Path dir, Path report, String... extra) {
        List<String> args = new ArrayList<>(List.of("--batch-size", Integer.toString(BATCH), "--sleep", "100ms",
                "--report", report.toString()));
        args.addAll(List.of(extra));
        return JarRun.start(dir, List.of(), fixture.runArgs(args.toArray(String[]::new)));
    }

    private static void restartMidRun(TestCluster cluster, EmailFixture fixture, JarRun run) throws Exception {
        Poll.until(Duration.ofSeconds(60), "a few batches committed",
                () -> fixture.remainingCount() <= EMAILS - 3 * BATCH, run::stderr);
        cluster.restart();
        assertThat(fixture.remainingIds()).as("work was left when the server came back")
                .containsAnyElementsOf(fixture.eligibleIds());
    }
}
