package dev.retentioncleanup.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.Report;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session holding the run lock is terminated mid-run and another session takes the lock before the run
 * can take it again: the run stops (exit 4) instead of deleting beside the new holder; only whole batches.
 */
@ExtendWith(FreshDatabaseExtension.class)
class LockLostIT {
    private static final String TOOL_LOCK = "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            + " WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = 'retention-cleanup'"
            + " AND a.datname = current_database()";

    @Test
    void run_stops_when_another_session_took_its_lost_lock(TestDatabase db, @TempDir Path dir) throws Exception {
        EmailFixture fixture = EmailFixture.create(db, 60, dir);
        Path report = dir.resolve("report.json");
        CliResult result;
        try (JarRun run = JarRun.start(dir, List.of(), fixture.runArgs("--batch-size", "1", "--sleep", "300ms",
                "--report", report.toString()));
                Connection rival = db.connect()) {
            Poll.until(Duration.ofSeconds(60), "a batch committed under the lock",
                    () -> fixture.remainingCount() < 60 && db.queryLong("SELECT count(*) " + TOOL_LOCK) == 1, run::stderr);
            List<Object> lock = db.queryRows("SELECT a.pid, (l.classid::bigint << 32) | l.objid::bigint " + TOOL_LOCK).get(0);
            long key = ((Number) lock.get(1)).longValue();
            // Queue for the lock first, so the rival (not the tool) is granted it when the holder's session ends.
            CompletableFuture<Void> rivalGotIt = CompletableFuture.runAsync(() -> {
                try (Statement st = rival.createStatement()) {
                    st.execute("SELECT pg_advisory_lock(" + key + ")");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Poll.until(Duration.ofSeconds(10), "the rival waiting for the lock",
                    () -> db.queryLong("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") == 1);
            db.execute("SELECT pg_terminate_backend(" + lock.get(0) + ")");
            rivalGotIt.get(30, TimeUnit.SECONDS);

            result = run.await(Duration.ofSeconds(60));
        }
        assertThat(result.exitCode()).as(result.err()).isEqualTo(4);
        JsonNode json = Report.read(report).json();
        assertThat(json.get("status").asText()).isEqualTo("skipped");
        assertThat(json.get("stop_reason").asText()).contains("another run has taken the lock");
        long gone = json.get("tables").get(EmailFixture.TARGET).asLong();
        assertThat(gone).isBetween(1L, fixture.eligibleIds().size() - 1L);
        assertThat(60 - fixture.remainingCount()).isEqualTo(gone);
        fixture.assertOldestEligibleGone((int) gone);

        CliResult rerun = CliRunner.run(fixture.runArgs());
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        fixture.assertCompleted();
    }
}
