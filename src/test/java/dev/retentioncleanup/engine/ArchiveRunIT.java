package dev.retentioncleanup.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.archive.Manifest;
import dev.retentioncleanup.archive.ManifestFile;
import dev.retentioncleanup.testing.ArchiveContents;
import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archiving on the example schema: the rows in the archive are exactly the rows the run deleted, table by table, as
 * multisets of their text, across batches and drain steps; the manifest lists every file and only those; the outbox
 * is empty once the run has written its manifest.
 */
@ExtendWith(FreshDatabaseExtension.class)
class ArchiveRunIT {
    /** The example's tables that lose rows (suppressions only have references nulled). */
    static final List<String> GRAPH = List.of("outgoing_emails", "email_bodies", "email_recipients", "email_headers",
            "email_attachments", "email_events", "webhook_deliveries", "email_links", "link_clicks", "email_tags",
            "email_opens");

    @BeforeEach
    void load(TestDatabase db) {
        ExampleFixture.load(db);
    }

    @Test
    void the_archive_holds_exactly_the_deleted_rows_of_every_table_in_batches_and_drain_steps(TestDatabase db,
            @TempDir Path dir) throws IOException {
        Map<String, List<String>> before = rows(db, "");
        Path archive = dir.resolve("archive");
        Path config = Runs.config(dir, ExampleFixture.config(""));

        Runs.Outcome run = Runs.run(db, dir, config, "--archive-dir", archive.toString(), "--batch-size", "3",
                "--max-rows-per-transaction", "7");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        ExampleFixture.assertState(db, ExampleSchemaIT.GONE);
        String runId = run.report().field("run_id").asText();
        Manifest manifest = ArchiveContents.manifest(archive, runId);
        assertThat(manifest.runId()).isEqualTo(runId);
        assertThat(manifest.files()).extracting(ManifestFile::batch).as("several steps").hasSizeGreaterThan(11);
        assertThat(filesUnder(archive.resolve(runId))).as("every file listed, and nothing else")
                .containsExactlyInAnyOrderElementsOf(Stream.concat(Stream.of("manifest.json"),
                        manifest.files().stream().map(ManifestFile::path)).toList());

        Map<String, List<String>> after = rows(db, "");
        ArchiveContents.load(db, archive, List.of(runId), GRAPH);
        Map<String, List<String>> archived = rows(db, "arch_");
        Map<String, Long> perTable = new TreeMap<>();
        for (String table : GRAPH) {
            List<String> deleted = ArchiveContents.minus(before.get(table), after.get(table));
            assertThat(archived.get(table)).as("archived rows of %s", table)
                    .containsExactlyInAnyOrderElementsOf(deleted);
            perTable.put("public." + table, (long) deleted.size());
        }
        assertThat(run.report().tables()).isEqualTo(perTable);
        assertThat(run.report().field("archive").get("rows").asLong())
                .isEqualTo(perTable.values().stream().mapToLong(Long::longValue).sum());
        assertThat(run.report().field("archive").get("files").asLong()).isEqualTo(manifest.files().size());
        assertThat(manifest.cutoffs()).extracting(Manifest.Cutoff::tenant).containsExactlyInAnyOrder("1", "2", "4");
        assertThat(db.queryLong("SELECT count(*) FROM retention_archive_outbox")).as("outbox forgets the run")
                .isZero();

        CliResult verify = CliRunner.run("verify-archive", "--archive-dir", archive.toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    }

    static List<String> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString()).toList();
        }
    }

    static Map<String, List<String>> rows(TestDatabase db, String prefix) {
        return ArchiveContents.rows(db, GRAPH, prefix);
    }
}
