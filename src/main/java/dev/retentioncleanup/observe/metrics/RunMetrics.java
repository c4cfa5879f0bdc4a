package dev.retentioncleanup.observe.metrics;

import dev.retentioncleanup.guard.Verdict;
import dev.retentioncleanup.observe.BatchCommitted;
import dev.retentioncleanup.observe.RunListener;
import dev.retentioncleanup.result.GuardEvent;
import dev.retentioncleanup.result.Outcome;
import dev.retentioncleanup.result.RunResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.function.Consumer;

/**
 * One run's metrics in Prometheus names ({@code retention_…}), handed at the end to the exporters
 * (Pushgateway, textfile). Values describe this run; counters start at zero every run, the way batch-job
 * metrics pushed to a Pushgateway are read. {@code retention_eligible_rows} exists only for dry runs, the one
 * time the counts are known without an extra scan.
 */
public final class RunMetrics implements RunListener {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer batchDuration = Timer.builder("retention.batch.duration")
            .description("Duration of each committed batch transaction")
            .register(registry);
    private final List<Consumer<RunMetricsText>> exporters;
    /** The previous success, if an exporter remembers one; kept when this run does not succeed. */
    private final Double previousSuccess;

    public RunMetrics(List<Consumer<RunMetricsText>> exporters, Double previousSuccess) {
        this.exporters = List.copyOf(exporters);
        this.previousSuccess = previousSuccess;
    }

    @Override
    public void batchCommitted(BatchCommitted event) {
        batchDuration.record(event.duration());
    }

    @Override
    public void guardEvent(GuardEvent event) {
        if (event.action() == Verdict.Action.PAUSE) {
            Counter.builder("retention.guard.pauses").description("Times a guard paused the run before a batch")
                    .tag("guard", event.guard()).register(registry).increment();
        }
    }

    @Override
    public void runFinished(RunResult result) {
        record(result);
        RunMetricsText text = new RunMetricsText(registry.scrape(), result.dryRun());
        for (Consumer<RunMetricsText> exporter : exporters) {
            exporter.accept(text);
        }
    }

    /** Registers the end-of-run meters; separate from export so tests can read the registry. */
    void record(RunResult r) {
        if (r.dryRun()) {
            r.tables().forEach((table, rows) -> gauge("retention.eligible.rows",
                    "Rows a run would delete now, per table (from a dry run)", rows, null, "table", table.display()));
        } else {
            r.tables().forEach((table, rows) -> Counter.builder("retention.rows.deleted")
                    .description("Rows deleted by this run, per table").tag("table", table.display()).register(registry)
                    .increment(rows));
            Counter.builder("retention.batches").description("Batches committed by this run")
                    .register(registry).increment(r.batches());
            r.partitions().forEach(p -> Counter.builder("retention.partitions.removed")
                    .description("Partitions removed whole by this run (their rows count in rows_deleted), per table")
                    .tag("table", p.table().display()).tag("action", p.action().word()).register(registry)
                    .increment());
            if (r.archive() != null) {
                Counter.builder("retention.archive.bytes").description("Bytes of archive files (gzip CSV) this run's"
                        + " committed batches wrote").register(registry).increment(r.archive().bytes());
                Counter.builder("retention.archive.files").description("Archive files this run's committed batches"
                        + " wrote").register(registry).increment(r.archive().files());
            }
            if (r.walBytes() != null) {
                Counter.builder("retention.wal.bytes").description("WAL bytes the server wrote during this run")
                        .register(registry).increment(r.walBytes());
            }
        }
        r.held().forEach((table, rows) -> gauge("retention.held.rows",
                "Eligible rows kept because a kept row references them, per table", rows, null, "table",
                table.display()));
        gauge("retention.run.duration", "Wall-clock duration of the run in seconds",
                r.duration().toMillis() / 1000.0, "seconds");
        gauge("retention.last.run.exit.code", "Exit code of the last run (0 completed; see docs/monitoring.md)",
                r.exitCode(), null);
        Double success = r.outcome() == Outcome.COMPLETED ? Double.valueOf(r.finishedAt().toEpochMilli() / 1000.0)
                : r.dryRun() ? null : previousSuccess;
        if (success != null) {
            gauge("retention.last.success.timestamp", "Unix time at which the last successful run finished",
                    success, "seconds");
        }
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    private void gauge(String name, String description, double value, String unit, String... tags) {
        Gauge.builder(name, () -> value).description(description).baseUnit(unit).tags(tags).strongReference(true)
                .register(registry);
    }
}
