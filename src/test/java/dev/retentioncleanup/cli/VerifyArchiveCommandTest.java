package dev.retentioncleanup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.archive.ArchiveFixture;
import dev.retentioncleanup.archive.LocalArchiveStore;
import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify-archive through the real command line, on a local archive: output lines and exit codes. */
class VerifyArchiveCommandTest {
    private static final String RUN = "20261202T122553Z-3f9a0c";
    private static final String CONFIG = """
            policy:
              table: organizations
              key: id
              retention_days: retention_days
            targets:
              - table: outgoing_emails
                key: id
                timestamp: created_at
                tenant: organization_id -> organizations.id
            run:
              archive_dir: %s
            """;

    @TempDir
    Path root;

    private Path archive;
    private long bytes;

    @BeforeEach
    void archive() throws IOException {
        archive = root.resolve("archive");
        ArchiveFixture fixture = new ArchiveFixture(new LocalArchiveStore(archive),
                Files.createDirectory(root.resolve("scratch")));
        fixture.manifest(RUN, List.of(fixture.dataFile(RUN, 1, "public", "emails", "id\n1\n2\n", 2)));
        bytes = Files.size(archive.resolve(RUN + "/000001/public.emails.csv.gz"));
    }

    @Test
    void aSoundArchiveExitsZero() {
        CliResult result = CliRunner.run("verify-archive", "--archive-dir", archive.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("verify-archive: 1 run(s), 1 file(s), 2 row(s), " + bytes
                + " byte(s) checked; 0 problem(s)\n");
    }

    @Test
    void eachProblemIsALineAndTheExitIsOne() throws IOException {
        Files.writeString(archive.resolve(RUN + "/000002.partial"), "x");
        CliResult result = CliRunner.run("verify-archive", "--archive-dir", archive.toString(), "--run-id", RUN);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEqualTo(RUN + "/000002.partial: uncommitted leftover: not in the manifest: in doubt:"
                + " written by a batch that did not commit, or not yet reconciled; the next run reconciles it\n"
                + "verify-archive: 1 run(s), 1 file(s), 2 row(s), " + bytes + " byte(s) checked; 1 problem(s)\n");
    }

    @Test
    void theArchiveMayComeFromTheConfigFile() throws IOException {
        Path config = Files.writeString(root.resolve("retention.yml"), CONFIG.formatted(archive));
        CliResult result = CliRunner.run("verify-archive", "--config", config.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("verify-archive: 1 run(s), 1 file(s), 2 row(s), ");
    }

    @Test
    void withoutAnArchiveItIsAUsageError() {
        CliResult result = CliRunner.run("verify-archive");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("retention-cleanup: no archive to verify: set --archive-dir or"
                + " --archive-url\n");
    }

    @Test
    void aMissingDirectoryIsAUsageError() {
        Path missing = root.resolve("nowhere");
        CliResult result = CliRunner.run("verify-archive", "--archive-dir", missing.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("retention-cleanup: --archive-dir: archive directory " + missing
                + " does not exist\n");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aRunIdMustBeADirectoryName() {
        CliResult result = CliRunner.run("verify-archive", "--archive-dir", archive.toString(), "--run-id", "..");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("retention-cleanup: --run-id: '..' is not a run id (a directory name of"
                + " the archive)\n");
    }

    @Test
    void helpShowsTheArchiveSectionOnly() {
        CliResult result = CliRunner.run("verify-archive", "--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Archive:", "--archive-dir=DIR", "--archive-url=s3://BUCKET/PREFIX",
                "--archive-endpoint=URL", "--run-id=ID", "--config").doesNotContain("--db-url", "--batch-size");
    }
}
