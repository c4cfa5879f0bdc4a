package dev.retentioncleanup.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.ArchiveContents;
import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at random points of archiving runs (copying a batch's rows, storing its files, recording them,
 * committing, reconciling): afterwards every deleted row is in the archive exactly once, every file a manifest lists
 * was deleted, the next run reconciles the dead runs (no file in doubt remains) and finishes the job.
 */
@ExtendWith(FreshDatabaseExtension.class)
class ArchiveKillIT {
    private static final int EMAILS = 400;
    private static final List<String> TABLES = List.of("outgoing_emails", "email_recipients", "email_events",
            "webhook_deliveries", "email_opens");

    @Test
    void kills_at_random_points_lose_no_row_and_archive_none_twice(TestDatabase db, @TempDir Path dir)
            throws Exception {
        long seed = Long.getLong("archive.kill.seed", System.nanoTime());
        Random random = new Random(seed);
        EmailFixture fixture = EmailFixture.create(db, EMAILS, dir);
        Map<String, List<String>> before = ArchiveContents.rows(db, TABLES, "");
        Path archive = dir.resolve("archive");
        String[] args = fixture.runArgs("--archive-dir", archive.toString(), "--batch-size", "7",
                "--max-rows-per-transaction", "20", "--sleep", "20ms");
        for (int kill = 0; kill < 4; kill++) {
            long remaining = fixture.remainingCount();
            try (JarRun run = JarRun.start(dir, List.of(), args)) {
                Poll.until(Duration.ofSeconds(60), "a batch of this run committed",
                        () -> fixture.remainingCount() < remaining || !run.isAlive(), run::stderr);
                Thread.sleep(random.nextInt(600));
                run.kill();
            }
            Poll.until(Duration.ofSeconds(30), "the server to end the killed run's sessions",
                    () -> ToolSessions.count(db) == 0, () -> ToolSessions.describe(db));
            // no assertWhole here: with a transaction bound below a batch's rows, descendants go in committed steps
        }
        CliResult rerun = CliRunner.run(fixture.runArgs("--archive-dir", archive.toString()));
        assertThat(rerun.exitCode()).as("seed %d: %s", seed, rerun.err()).isZero();
        fixture.assertCompleted();

        CliResult verify = CliRunner.run("verify-archive", "--archive-dir", archive.toString());
        assertThat(verify.exitCode()).as("seed %d: %s", seed, verify.out()).isZero();
        List<String> runs = ArchiveContents.runs(archive);
        assertThat(runs).as("seed %d", seed).hasSizeBetween(2, 5);
        ArchiveContents.load(db, archive, runs, TABLES);
        Map<String, List<String>> after = ArchiveContents.rows(db, TABLES, "");
        Map<String, List<String>> archived = ArchiveContents.rows(db, TABLES, "arch_");
        for (String table : TABLES) {
            assertThat(archived.get(table)).as("seed %d: archived rows of %s", seed, table)
                    .containsExactlyInAnyOrderElementsOf(ArchiveContents.minus(before.get(table), after.get(table)));
        }
        assertThat(db.queryLong("SELECT count(*) FROM retention_archive_outbox")).isZero();
    }
}
