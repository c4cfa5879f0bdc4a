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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** One run at a time per config: a second run while the first holds the advisory lock exits 4 at once. */
@ExtendWith(FreshDatabaseExtension.class)
class ConcurrentRunIT {
    @Test
    void second_run_is_skipped_at_once_while_the_first_completes(TestDatabase db, @TempDir Path dir) throws Exception {
        EmailFixture fixture = EmailFixture.create(db, 60, dir);
        int eligible = fixture.eligibleIds().size();
        Path firstReport = dir.resolve("first.json");
        Path secondReport = dir.resolve("second.json");

        // Slowed down to ~200ms per email so the second run certainly starts while the first is working.
        try (JarRun first = JarRun.start(dir, List.of(), fixture.runArgs("--batch-size", "1", "--sleep", "200ms",
                "--report", firstReport.toString()))) {
            Poll.until(Duration.ofSeconds(60), "the first run to commit its first batch",
                    () -> fixture.remainingCount() < 60, first::stderr);

            CliResult second = CliRunner.run(fixture.runArgs("--report", secondReport.toString()));

            assertThat(first.isAlive()).as("the first run is still working when the second has returned").isTrue();
            assertThat(second.exitCode()).as(second.err()).isEqualTo(4);
            JsonNode report = Report.read(secondReport).json();
            assertThat(report.get("status").asText()).isEqualTo("skipped");
            assertThat(report.get("exit_code").asInt()).isEqualTo(4);
            assertThat(report.get("batches").asLong()).isZero();

            CliResult firstResult = first.await(Duration.ofSeconds(120));
            assertThat(firstResult.exitCode()).as(firstResult.err()).isZero();
            JsonNode done = Report.read(firstReport).json();
            assertThat(done.get("status").asText()).isEqualTo("completed");
            assertThat(done.get("tables").get(EmailFixture.TARGET).asLong()).isEqualTo(eligible);
            assertThat(done.get("tables").get("public.email_recipients").asLong()).isEqualTo(2L * eligible);
        }
        fixture.assertCompleted();
    }
}
