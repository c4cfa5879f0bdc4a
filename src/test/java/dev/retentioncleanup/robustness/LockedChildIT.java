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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child row (not a target) that another session keeps locked past every retry: the run stops with exit 1 and a
 * stop reason that names the table and says what to do; the batches before it stay committed, the blocked batch
 * left nothing half-done, and a re-run after the lock is released finishes the job.
 */
@ExtendWith(FreshDatabaseExtension.class)
class LockedChildIT {
    private static final long LOCKED_EMAIL = 13; // eligible; with batches of 3 it falls in the third (13, 15, 18)

    @Test
    void a_child_locked_through_every_retry_stops_the_run_plainly_and_a_rerun_finishes(TestDatabase db,
            @TempDir Path dir) throws Exception {
        EmailFixture fixture = EmailFixture.create(db, 40, dir);
        assertThat(EmailFixture.eligible(LOCKED_EMAIL)).isTrue();
        Path report = dir.resolve("report.json");

        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.execute("SELECT id FROM email_events WHERE outgoing_email_id = " + LOCKED_EMAIL + " FOR UPDATE");
            }
            CliResult run = CliRunner.run(fixture.runArgs("--batch-size", "3", "--lock-timeout", "1s",
                    "--max-retries", "1", "--report", report.toString()));

            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            JsonNode json = Report.read(report).json();
            assertThat(json.get("status").asText()).isEqualTo("failed");
            assertThat(json.get("stop_reason").asText())
                    .contains("lock timeout", "relation \"email_events\"", "--lock-timeout", "SQLState 55P03");
            assertThat(json.get("tables").get(EmailFixture.TARGET).asLong()).isEqualTo(6);
            fixture.assertOldestEligibleGone(6); // two whole batches; the third rolled back entirely
            holder.rollback();
        }

        CliResult rerun = CliRunner.run(fixture.runArgs("--report", report.toString()));
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        fixture.assertCompleted();
    }
}
