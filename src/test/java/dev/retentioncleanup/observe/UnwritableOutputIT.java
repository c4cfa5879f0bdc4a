package dev.retentioncleanup.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report or metrics textfile that cannot be written is found before the first batch: exit 2 naming the flag,
 * nothing deleted; {@code check} lists it as an error. (It used to be found at the end, after the rows were gone.)
 */
@ExtendWith(FreshDatabaseExtension.class)
class UnwritableOutputIT {
    @TempDir
    Path dir;
    private Path notADirectory;

    @BeforeAll
    static void schema(TestDatabase db) {
        ObserveFixture.createSchema(db);
    }

    @BeforeEach
    void seed(TestDatabase db) throws Exception {
        ObserveFixture.seed(db);
        notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
    }

    private static CliResult cli(String command, TestDatabase db, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of(command, "--config", ObserveFixture.CONFIG.toString(),
                "--db-url", db.jdbcUrl()));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void a_report_that_cannot_be_written_stops_the_run_before_anything_is_deleted(TestDatabase db) {
        Path report = notADirectory.resolve("reports/last.json");

        CliResult result = cli("run", db, "--report", report.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err().lines().toList()).containsExactly("retention-cleanup: --report: cannot write " + report
                + ": " + notADirectory + " is not a directory");
        ObserveFixture.assertUntouched(db);
    }

    @Test
    void a_metrics_textfile_that_cannot_be_written_stops_the_run_and_the_dry_run_before_anything_is_deleted(
            TestDatabase db) {
        Path prom = notADirectory.resolve("retention.prom");

        CliResult run = cli("run", db, "--metrics-textfile", prom.toString());
        CliResult dry = cli("run", db, "--dry-run", "--metrics-textfile", prom.toString());

        String line = "retention-cleanup: --metrics-textfile: cannot write " + prom + ": " + notADirectory
                + " is not a directory";
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines().toList()).containsExactly(line);
        assertThat(dry.exitCode()).as(dry.err()).isEqualTo(2);
        assertThat(dry.err().lines().toList()).containsExactly(line);
        ObserveFixture.assertUntouched(db);
    }

    @Test
    void check_lists_an_unwritable_report_as_an_error(TestDatabase db) {
        Path report = notADirectory.resolve("last.json");

        CliResult unwritable = cli("check", db, "--report", report.toString());
        CliResult writable = cli("check", db, "--report", dir.resolve("reports/last.json").toString());

        assertThat(unwritable.exitCode()).as(unwritable.out()).isEqualTo(1);
        assertThat(unwritable.out().lines().filter(l -> l.startsWith("ERROR"))).containsExactly(
                "ERROR   --report: cannot write " + report + ": " + notADirectory + " is not a directory: a run would"
                        + " exit 2");
        assertThat(writable.out().lines().filter(l -> l.startsWith("ERROR"))).isEmpty();
        assertThat(dir.resolve("reports")).doesNotExist();
        ObserveFixture.assertUntouched(db);
    }
}
