package dev.retentioncleanup.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.db.TableName;
import dev.retentioncleanup.result.Outcome;
import dev.retentioncleanup.result.ArchiveResult;
import dev.retentioncleanup.result.PartitionRemoval;
import dev.retentioncleanup.result.RunResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SummaryTest {
    private static final Instant START = Instant.parse("2026-11-28T12:00:00Z");
    private static final TableName EMAILS = new TableName("public", "outgoing_emails");

    private static RunResult withPartition(boolean dryRun) {
        Map<TableName, Long> tables = new LinkedHashMap<>();
        tables.put(EMAILS, 1200L);
        return RunResult.builder(UUID.randomUUID(), START, dryRun)
                .ended(dryRun ? Outcome.DRY_RUN : Outcome.COMPLETED, null).tables(tables)
                .partitions(List.of(new PartitionRemoval(EMAILS, new TableName("public", "outgoing_emails_2025_10"),
                        PartitionRemoval.Action.DROPPED, "FOR VALUES FROM (1) TO (2)", 1000L)))
                .finishedAt(START.plusSeconds(2));
    }

    @Test
    void partitions_removed_whole_are_told_apart_from_the_rows_that_went_one_by_one() {
        assertThat(Summary.lines(withPartition(false))).contains(
                "\n  removed 1 partitions whole (1,000 of the rows above, almost no WAL); the other 200 rows one by one",
                "\n    public.outgoing_emails_2025_10 FOR VALUES FROM (1) TO (2): 1,000 rows, dropped");
        assertThat(Summary.lines(withPartition(true))).contains("would remove 1 partitions whole",
                "1,000 rows, to be dropped");
    }

    @Test
    void what_was_archived_and_where_its_manifest_is() {
        RunResult archived = RunResult.builder(UUID.randomUUID(), START, false).ended(Outcome.COMPLETED, null)
                .tables(Map.of(EMAILS, 1200L))
                .archive(new ArchiveResult("s3://bucket/prefix", "run-1/manifest.json", 12, 1200, 3 * 1024 * 1024))
                .finishedAt(START.plusSeconds(2));
        RunResult unwritten = RunResult.builder(UUID.randomUUID(), START, false).ended(Outcome.COMPLETED, null)
                .archive(new ArchiveResult("/srv/archive", null, 1, 5, 100)).finishedAt(START.plusSeconds(2));

        assertThat(Summary.lines(archived)).contains(
                "\n  archived 1,200 rows in 12 files (3.0 MiB) to s3://bucket/prefix; manifest: run-1/manifest.json");
        assertThat(Summary.lines(unwritten)).contains("manifest: not written (the next run writes it)");
    }
}
