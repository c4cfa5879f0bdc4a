package dev.retentioncleanup.observe.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.db.TableName;
import dev.retentioncleanup.guard.Verdict;
import dev.retentioncleanup.observe.BatchCommitted;
import dev.retentioncleanup.result.GuardEvent;
import dev.retentioncleanup.result.Outcome;
import dev.retentioncleanup.result.ArchiveResult;
import dev.retentioncleanup.result.PartitionRemoval;
import dev.retentioncleanup.result.RunResult;
import io.micrometer.core.instrument.Meter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunMetricsTest {
    private static final Instant START = Instant.parse("2026-11-28T12:00:00Z");
    private static final TableName EMAILS = new TableName("public", "outgoing_emails");

    private static RunResult result(Outcome outcome, boolean dryRun) {
        Map<TableName, Long> tables = new LinkedHashMap<>();
        tables.put(new TableName("public", "email_bodies"), 20L);
        tables.put(EMAILS, 20L);
        return RunResult.builder(UUID.randomUUID(), START, dryRun).ended(outcome, null).tables(tables).batches(2)
                .walBytes(4096L).finishedAt(START.plusMillis(2500));
    }

    @Test
    void held_rows_are_a_gauge_per_table() {
        RunResult held = RunResult.builder(UUID.randomUUID(), START, false).ended(Outcome.COMPLETED, null)
                .held(Map.of(new TableName("public", "emails"), 3L)).finishedAt(START.plusMillis(10));

        String text = scrape(new RunMetrics(List.of(), null), held);

        assertThat(text).contains("retention_held_rows{table=\"public.emails\"} 3.0");
    }

    @Test
    void partitions_removed_whole_are_counted_per_table_and_action() {
        TableName events = new TableName("public", "email_events");
        RunResult removed = RunResult.builder(UUID.randomUUID(), START, false).ended(Outcome.COMPLETED, null)
                .partitions(List.of(
                        new PartitionRemoval(events, new TableName("public", "email_events_2025_10"),
                                PartitionRemoval.Action.DROPPED, "FOR VALUES FROM (1) TO (2)", 40L),
                        new PartitionRemoval(events, new TableName("public", "email_events_2025_11"),
                                PartitionRemoval.Action.DROPPED, "FOR VALUES FROM (2) TO (3)", 0L),
                        new PartitionRemoval(EMAILS, new TableName("public", "outgoing_emails_2025_10"),
                                PartitionRemoval.Action.DROPPED, "FOR VALUES FROM (1) TO (2)", 10L)))
                .finishedAt(START.plusMillis(10));

        String text = scrape(new RunMetrics(List.of(), null), removed);

        assertThat(text).contains(
                "retention_partitions_removed_total{action=\"dropped\",table=\"public.email_events\"} 2.0",
                "retention_partitions_removed_total{action=\"dropped\",table=\"public.outgoing_emails\"} 1.0");
    }

    @Test
    void archive_bytes_and_files_are_counted() {
        RunResult archived = RunResult.builder(UUID.randomUUID(), START, false).ended(Outcome.COMPLETED, null)
                .archive(new ArchiveResult("/srv/archive", "run/manifest.json", 7, 300, 4096))
                .finishedAt(START.plusMillis(10));

        String text = scrape(new RunMetrics(List.of(), null), archived);

        assertThat(text).contains("retention_archive_bytes_total 4096.0", "retention_archive_files_total 7.0");
        assertThat(scrape(new RunMetrics(List.of(), null), RunResult.builder(UUID.randomUUID(), START, false)
                .ended(Outcome.COMPLETED, null).finishedAt(START.plusMillis(10)))).doesNotContain("retention_archive");
    }

    private static String scrape(RunMetrics metrics, RunResult result) {
        metrics.runFinished(result);
        return metrics.registry().scrape();
    }

    @Test
    void a_completed_run_has_every_meter_with_prometheus_names_and_a_description() {
        RunMetrics metrics = new RunMetrics(List.of(), null);
        metrics.batchCommitted(new BatchCommitted(EMAILS, 1, Map.of(EMAILS, 10L), 10, Duration.ofMillis(200), 10));
        metrics.batchCommitted(new BatchCommitted(EMAILS, 2, Map.of(EMAILS, 10L), 10, Duration.ofMillis(300), 10));
        metrics.guardEvent(new GuardEvent("wal_rate", Verdict.Action.PAUSE, 1e8, 6.4e7, "WAL rate", START));
        metrics.guardEvent(new GuardEvent("wal_rate", Verdict.Action.PAUSE, 1e8, 6.4e7, "WAL rate", START));
        metrics.guardEvent(new GuardEvent("archive_backlog", Verdict.Action.STOP, 90, 64, "backlog", START));
        String text = scrape(metrics, result(Outcome.COMPLETED, false));

        assertThat(text).contains(
                "retention_rows_deleted_total{table=\"public.outgoing_emails\"} 20.0",
                "retention_rows_deleted_total{table=\"public.email_bodies\"} 20.0",
                "retention_batches_total 2.0",
                "retention_batch_duration_seconds_count 2",
                "retention_batch_duration_seconds_sum 0.5",
                "retention_wal_bytes_total 4096.0",
                "retention_guard_pauses_total{guard=\"wal_rate\"} 2.0",
                "retention_run_duration_seconds 2.5",
                "retention_last_run_exit_code 0.0",
                "retention_last_success_timestamp_seconds 1.7958672025E9") // 2026-11-28T12:00:02.5Z
                .doesNotContain("archive_backlog", "retention_eligible_rows");
        for (Meter meter : metrics.registry().getMeters()) {
            assertThat(meter.getId().getDescription()).as(meter.getId().getName()).isNotBlank();
        }
    }

    @Test
    void a_stopped_run_has_no_success_time_unless_one_is_carried_over() {
        assertThat(scrape(new RunMetrics(List.of(), null), result(Outcome.STOPPED_BY_GUARD, false)))
                .contains("retention_last_run_exit_code 3.0").doesNotContain("retention_last_success_timestamp_seconds");
        assertThat(scrape(new RunMetrics(List.of(), 1234.5), result(Outcome.FAILED, false)))
                .contains("retention_last_run_exit_code 1.0", "retention_last_success_timestamp_seconds 1234.5");
    }

    @Test
    void a_dry_run_reports_eligible_rows_and_nothing_deleted() {
        String text = scrape(new RunMetrics(List.of(), 1234.5), result(Outcome.DRY_RUN, true));

        assertThat(text).contains("retention_eligible_rows{table=\"public.outgoing_emails\"} 20.0")
                .doesNotContain("retention_rows_deleted_total", "retention_batches_total",
                        "retention_last_success_timestamp_seconds");
    }

    @Test
    void exporters_get_the_text_once_with_the_dry_run_flag() {
        List<RunMetricsText> got = new ArrayList<>();
        new RunMetrics(List.of(got::add), null).runFinished(result(Outcome.DRY_RUN, true));

        assertThat(got).hasSize(1);
        assertThat(got.get(0).dryRun()).isTrue();
        assertThat(got.get(0).exposition()).contains("# HELP retention_eligible_rows ");
    }
}
