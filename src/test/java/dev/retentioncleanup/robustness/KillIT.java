package dev.retentioncleanup.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the JVM between batches and inside one: the database keeps exactly the whole batches
 * committed before the kill, nothing of the batch in flight, no transaction of ours stays open, and a re-run
 * finishes the job.
 */
@ExtendWith(FreshDatabaseExtension.class)
class KillIT {
    private static final int EMAILS = 60;
    private static final int BATCH = 5;

    @Test
    void kill_between_batches_leaves_whole_batches(TestDatabase db, @TempDir Path dir) throws Exception {
        EmailFixture fixture = EmailFixture.create(db, EMAILS, dir);
        try (JarRun run = JarRun.start(dir, List.of(), fixture.runArgs("--batch-size", Integer.toString(BATCH),
                "--sleep", "1s"))) {
            Poll.until(Duration.ofSeconds(60), "two batches committed",
                    () -> fixture.remainingCount() <= EMAILS - 2 * BATCH, run::stderr);
            run.kill();
        }
        int gone = (int) (EMAILS - fixture.remainingCount());
        assertThat(gone % BATCH).as("%d emails gone: whole batches of %d only", gone, BATCH).isZero();
        assertThat(gone).isBetween(2 * BATCH, fixture.eligibleIds().size() - BATCH);
        fixture.assertOldestEligibleGone(gone);
        awaitNoSessionsOfOurs(db);

        rerunCompletes(fixture);
    }

    @Test
    void kill_inside_a_batch_rolls_the_batch_back(TestDatabase db, @TempDir Path dir) throws Exception {
        EmailFixture fixture = EmailFixture.create(db, EMAILS, dir);
        // An event of the third batch's first email is locked: that batch deletes the webhook deliveries
        // (grandchildren go first), then waits on the event row with its transaction open.
        long blocked = fixture.eligibleIds().get(2 * BATCH);
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.execute("SELECT id FROM email_events WHERE outgoing_email_id = " + blocked + " FOR UPDATE");
            }
            try (JarRun run = JarRun.start(dir, List.of(), fixture.runArgs("--batch-size", Integer.toString(BATCH),
                    "--lock-timeout", "60s"))) {
                Poll.until(Duration.ofSeconds(60), "the tool's session waiting on the locked event",
                        () -> ToolSessions.waitingOnLock(db) == 1, () -> ToolSessions.describe(db) + "\n" + run.stderr());
                assertThat(fixture.remainingCount()).as("two batches committed before the blocked one")
                        .isEqualTo(EMAILS - 2 * BATCH);
                run.kill();
            }
            // The server notices the dead client only once the waiting statement finishes: release the lock.
            holder.rollback();
        }
        awaitNoSessionsOfOurs(db);
        fixture.assertOldestEligibleGone(2 * BATCH);

        rerunCompletes(fixture);
    }

    /** Every backend of the killed JVM ends, so none of its transactions can still commit or hold locks. */
    private static void awaitNoSessionsOfOurs(TestDatabase db) {
        Poll.until(Duration.ofSeconds(30), "the server to end the killed run's sessions",
                () -> ToolSessions.count(db) == 0, () -> ToolSessions.describe(db));
        assertThat(ToolSessions.inTransaction(db)).isZero();
    }

    private static void rerunCompletes(EmailFixture fixture) {
        CliResult rerun = CliRunner.run(fixture.runArgs());
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        fixture.assertCompleted();
    }
}
