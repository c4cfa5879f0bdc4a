package dev.retentioncleanup.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.Report;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** --max-runtime stops between batches with exit 5; what was committed stays; the next run continues. */
@ExtendWith(FreshDatabaseExtension.class)
class MaxRuntimeIT {
    @Test
    void stops_with_exit_5_after_whole_batches_and_rerun_completes(TestDatabase db, @TempDir Path dir) {
        EmailFixture fixture = EmailFixture.create(db, 60, dir);
        int eligible = fixture.eligibleIds().size();
        Path report = dir.resolve("report.json");

        CliResult run = CliRunner.run(fixture.runArgs("--max-runtime", "1s", "--batch-size", "1", "--sleep", "300ms",
                "--report", report.toString()));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(5);
        JsonNode json = Report.read(report).json();
        assertThat(json.get("status").asText()).isEqualTo("stopped");
        assertThat(json.get("exit_code").asInt()).isEqualTo(5);
        assertThat(json.get("stop_reason").asText()).contains("max-runtime");
        long gone = json.get("tables").get(EmailFixture.TARGET).asLong();
        // ~1s at >= 300ms per batch of one email: a few batches, far from all of them.
        assertThat(gone).isBetween(1L, eligible - 1L);
        assertThat(json.get("batches").asLong()).isEqualTo(gone);
        assertThat(json.get("tables").get("public.email_recipients").asLong()).isEqualTo(2 * gone);
        fixture.assertOldestEligibleGone((int) gone);

        Path second = dir.resolve("second.json");
        CliResult rerun = CliRunner.run(fixture.runArgs("--report", second.toString()));
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(Report.read(second).json().get("tables").get(EmailFixture.TARGET).asLong()).isEqualTo(eligible - gone);
        fixture.assertCompleted();
    }
}
