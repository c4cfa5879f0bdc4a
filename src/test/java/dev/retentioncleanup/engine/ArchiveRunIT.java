package dev.retentioncleanup.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.archive.Manifest;
import dev.retentioncleanup.archive.ManifestFile;
import dev.retentioncleanup.execute.AdvisoryLock;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

    @Test
    void an_archive_that_fails_mid_run_rolls_its_batch_back_and_the_next_run_reconciles_and_finishes(
            TestDatabase db, @TempDir Path dir) throws Exception {
        Map<String, List<String>> before = rows(db, "");
        Path archive = dir.resolve("archive");
        Path config = Runs.config(dir, ExampleFixture.config(""));
        long emails = db.queryLong("SELECT count(*) FROM outgoing_emails");
        CompletableFuture<Runs.Outcome> running = CompletableFuture.supplyAsync(() -> Runs.run(db, dir, config,
                "--archive-dir", archive.toString(), "--batch-size", "2", "--sleep", "400ms"));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (db.queryLong("SELECT count(*) FROM outgoing_emails") == emails && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // The archive's directory becomes a file: the next batch cannot store its files.
        Path moved = dir.resolve("archive-moved");
        Files.move(archive, moved);
        Files.writeString(archive, "not a directory");
        Runs.Outcome failed = running.get(60, TimeUnit.SECONDS);

        assertThat(failed.exitCode()).as(failed.describe()).isEqualTo(1);
        assertThat(failed.report().field("stop_reason").asText())
                .contains("could not store the archive of", "rolled back, so none of its rows was deleted");
        long gone = emails - db.queryLong("SELECT count(*) FROM outgoing_emails");
        assertThat(gone).as("whole batches of 2 went before the failure").isPositive().isLessThan(12);
        assertThat(failed.report().tables().get("public.outgoing_emails")).isEqualTo(gone);
        assertThat(db.queryLong("SELECT count(*) FROM retention_archive_outbox WHERE path <> ''"))
                .as("the failed run's committed files wait in the outbox for its manifest").isPositive();

        Files.delete(archive);
        Files.move(moved, archive);
        Runs.Outcome rerun = Runs.run(db, dir, config, "--archive-dir", archive.toString());
        assertThat(rerun.exitCode()).as(rerun.describe()).isZero();
        ExampleFixture.assertState(db, ExampleSchemaIT.GONE);
        CliResult verify = CliRunner.run("verify-archive", "--archive-dir", archive.toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        List<String> runs = ArchiveContents.runs(archive);
        assertThat(runs).containsExactlyInAnyOrder(failed.report().field("run_id").asText(),
                rerun.report().field("run_id").asText());
        ArchiveContents.load(db, archive, runs, GRAPH);
        Map<String, List<String>> after = rows(db, "");
        Map<String, List<String>> archived = rows(db, "arch_");
        for (String table : GRAPH) {
            assertThat(archived.get(table)).as("archived rows of %s", table)
                    .containsExactlyInAnyOrderElementsOf(ArchiveContents.minus(before.get(table), after.get(table)));
        }
    }

    @Test
    void a_dead_runs_recorded_files_go_into_its_manifest_and_its_unrecorded_files_are_removed(TestDatabase db,
            @TempDir Path dir) throws IOException {
        Path archive = dir.resolve("archive");
        Path config = Runs.config(dir, ExampleFixture.config(""));
        Runs.Outcome first = Runs.run(db, dir, config, "--archive-dir", archive.toString(), "--tenant", "2");
        assertThat(first.exitCode()).as(first.describe()).isZero();
        String dead = first.report().field("run_id").asText();
        Manifest written = ArchiveContents.manifest(archive, dead);
        // As if the run had died before its manifest: its outbox rows back, the manifest gone, and a file of a
        // transaction that never committed left behind.
        ManifestFile kept = written.files().get(0);
        db.execute("INSERT INTO retention_archive_outbox (run_id, path, batch, lock_key, started_at) VALUES ('" + dead
                + "', '', 0, " + AdvisoryLock.keyFor(List.of("public.organizations", "public.outgoing_emails"))
                + ", now())");
        db.execute("INSERT INTO retention_archive_outbox (run_id, path, batch, table_name, rows, bytes, sha256, tenants)"
                + " VALUES ('" + dead + "', '" + kept.path() + "', " + kept.batch() + ", '" + kept.table() + "', "
                + kept.rows() + ", " + kept.bytes() + ", '" + kept.sha256() + "', '{\"2\": \"x\"}')");
        Files.delete(archive.resolve(dead).resolve("manifest.json"));
        Path leftover = archive.resolve(dead).resolve("999999").resolve("public.outgoing_emails.csv.gz");
        Files.createDirectories(leftover.getParent());
        Files.write(leftover, new byte[] {1, 2, 3});
        assertThat(CliRunner.run("verify-archive", "--archive-dir", archive.toString()).exitCode())
                .as("in doubt before the next run").isEqualTo(1);

        Runs.Outcome next = Runs.run(db, dir, config, "--archive-dir", archive.toString());

        assertThat(next.exitCode()).as(next.describe()).isZero();
        Manifest reconciled = ArchiveContents.manifest(archive, dead);
        assertThat(reconciled.files()).extracting(ManifestFile::path).containsExactly(kept.path());
        assertThat(leftover).doesNotExist();
        assertThat(CliRunner.run("verify-archive", "--archive-dir", archive.toString()).exitCode()).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM retention_archive_outbox")).isZero();
    }

    @Test
    void an_archive_that_cannot_be_written_stops_the_run_with_exit_2_before_anything_is_deleted_and_check_says_so(
            TestDatabase db, @TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path archive = file.resolve("archive"); // under a regular file: no one can create it, root included
        Path config = Runs.config(dir, ExampleFixture.config(""));
        Map<String, List<String>> before = rows(db, "");

        Runs.Outcome run = Runs.run(db, dir, config, "--archive-dir", archive.toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.cli().err()).contains("--archive-dir " + archive + ": not writable");
        assertThat(rows(db, "")).isEqualTo(before);
        CliResult check = CliRunner.run("check", "--config", config.toString(), "--db-url", db.jdbcUrl(),
                "--archive-dir", archive.toString());
        assertThat(check.exitCode()).as(check.out()).isEqualTo(1);
        assertThat(check.out()).contains("ERROR   archive: --archive-dir " + archive + ": not writable");
        CliResult writable = CliRunner.run("check", "--config", config.toString(), "--db-url", db.jdbcUrl(),
                "--archive-dir", dir.resolve("fine").toString());
        assertThat(writable.exitCode()).as(writable.out()).isZero();
        assertThat(writable.out()).contains("INFO    archive: rows are archived to ");
    }

    @Test
    void a_cascade_child_left_out_of_the_graph_refuses_to_archive_since_the_database_would_delete_its_rows_unseen(
            TestDatabase db, @TempDir Path dir) {
        Path config = Runs.config(dir, ExampleFixture.config("") + "    skip_children: [email_headers]\n");
        Map<String, List<String>> before = rows(db, "");

        Runs.Outcome run = Runs.run(db, dir, config, "--archive-dir", dir.resolve("archive").toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.cli().err()).contains("public.email_headers → public.outgoing_emails", "ON DELETE CASCADE",
                "unarchived");
        assertThat(rows(db, "")).isEqualTo(before);
    }

    @Test
    void a_dead_run_that_cannot_be_reconciled_fails_the_run_before_anything_is_deleted(TestDatabase db,
            @TempDir Path dir) throws IOException {
        Path archive = Files.createDirectories(dir.resolve("archive"));
        Path config = Runs.config(dir, ExampleFixture.config(""));
        Runs.Outcome probe = Runs.run(db, dir, config, "--archive-dir", archive.toString(), "--tenant", "3");
        assertThat(probe.exitCode()).as(probe.describe()).isZero(); // creates the outbox; tenant 3 has no policy
        String dead = "11111111-2222-3333-4444-555555555555";
        db.execute("INSERT INTO retention_archive_outbox (run_id, path, batch, lock_key, started_at) VALUES ('" + dead
                + "', '', 0, " + AdvisoryLock.keyFor(List.of("public.organizations", "public.outgoing_emails"))
                + ", now())");
        Files.writeString(archive.resolve(dead), "a file where the run's directory should be");
        Map<String, List<String>> before = rows(db, "");

        Runs.Outcome run = Runs.run(db, dir, config, "--archive-dir", archive.toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.report().field("stop_reason").asText()).contains("could not reconcile the archive of run " + dead,
                "nothing deleted");
        assertThat(rows(db, "")).isEqualTo(before);
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
