package dev.retentioncleanup.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code restore} on the example schema: a whole run, one tenant, a dry run, rows that already exist. */
@ExtendWith(FreshDatabaseExtension.class)
class ArchiveRestoreIT {
    private Path archive;
    private Path config;
    private String runId;
    private Map<String, List<String>> before;
    private Map<String, List<String>> after;

    @BeforeEach
    void archived_run(TestDatabase db, @TempDir Path dir) {
        ExampleFixture.load(db);
        before = ArchiveRunIT.rows(db, "");
        archive = dir.resolve("archive");
        config = Runs.config(dir, ExampleFixture.config(""));
        Runs.Outcome run = Runs.run(db, dir, config, "--archive-dir", archive.toString(), "--batch-size", "4");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        runId = run.report().field("run_id").asText();
        after = ArchiveRunIT.rows(db, "");
        ExampleFixture.assertState(db, ExampleSchemaIT.GONE);
    }

    private CliResult restore(TestDatabase db, String... flags) {
        List<String> args = new ArrayList<>(List.of("restore", "--config", config.toString(), "--db-url", db.jdbcUrl(),
                "--archive-dir", archive.toString(), "--run-id", runId));
        args.addAll(List.of(flags));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void a_whole_run_restored_leaves_every_table_as_before_the_run_and_again_only_with_skip_existing(TestDatabase db) {
        CliResult restored = restore(db);

        assertThat(restored.exitCode()).as(restored.out() + restored.err()).isZero();
        assertThat(restored.out()).contains("restore: 192 rows inserted, 0 already there");
        Map<String, List<String>> now = ArchiveRunIT.rows(db, "");
        for (String table : ArchiveRunIT.GRAPH) {
            assertThat(now.get(table)).as("rows of %s", table).containsExactlyInAnyOrderElementsOf(before.get(table));
        }

        CliResult again = restore(db);
        assertThat(again.exitCode()).as(again.out() + again.err()).isEqualTo(1);
        assertThat(again.out()).contains("already exists in public.outgoing_emails", "--skip-existing");
        assertThat(ArchiveRunIT.rows(db, "")).as("the failed file rolled back").isEqualTo(now);

        CliResult skipping = restore(db, "--skip-existing");
        assertThat(skipping.exitCode()).as(skipping.out() + skipping.err()).isZero();
        assertThat(skipping.out()).contains("restore: 0 rows inserted, 192 already there");
    }

    @Test
    void one_tenant_restored_brings_back_its_rows_with_every_descendant_and_nothing_of_the_others(TestDatabase db) {
        CliResult dry = restore(db, "--tenant", "1", "--dry-run");
        assertThat(dry.exitCode()).as(dry.out() + dry.err()).isZero();
        assertThat(ArchiveRunIT.rows(db, "")).as("the dry run kept nothing").isEqualTo(after);

        CliResult restored = restore(db, "--tenant", "1");

        assertThat(restored.exitCode()).as(restored.out() + restored.err()).isZero();
        // 6 of org 1's emails went, each with 15 descendant rows: the dry run counts the descendants too
        assertThat(dry.out()).contains("restore: 96 rows would be inserted, 0 already there");
        assertThat(restored.out()).contains("restore: 96 rows inserted, 0 already there");
        List<Long> stillGone = ExampleSchemaIT.GONE.stream().filter(e -> e / 100 != 1).toList();
        Map<String, List<String>> expected = ExampleFixture.expectedState(stillGone);
        Map<String, List<String>> actual = ExampleFixture.actualState(db);
        expected.remove("suppressions"); // SET NULL references stay null: the archive holds deleted rows only
        expected.forEach((table, rows) -> assertThat(actual.get(table)).as("rows of %s", table).isEqualTo(rows));
        ExampleFixture.assertNoOrphans(db);
    }

    @Test
    void a_dry_run_counts_per_file_what_it_would_insert_and_changes_nothing(TestDatabase db) {
        CliResult dry = restore(db, "--dry-run", "--tenant", "2", "--table", "outgoing_emails");

        assertThat(dry.exitCode()).as(dry.out() + dry.err()).isZero();
        assertThat(dry.out()).contains("would insert").contains("restore: 2 rows would be inserted, 0 already there");
        assertThat(dry.out().lines().filter(l -> l.startsWith("would insert"))).allMatch(
                l -> l.contains("public.outgoing_emails"));
        assertThat(ArchiveRunIT.rows(db, "")).isEqualTo(after);
    }

    @Test
    void a_child_table_restored_without_its_parents_fails_naming_what_to_restore_first(TestDatabase db) {
        CliResult restored = restore(db, "--table", "email_events");

        assertThat(restored.exitCode()).as(restored.out() + restored.err()).isEqualTo(1);
        assertThat(restored.out()).contains("references a row that is not in the database",
                "restore its parents' tables too");
        assertThat(ArchiveRunIT.rows(db, "")).isEqualTo(after);
    }
}
