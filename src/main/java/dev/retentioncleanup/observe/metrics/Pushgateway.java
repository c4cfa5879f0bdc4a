package dev.retentioncleanup.observe.metrics;

import dev.retentioncleanup.observe.http.HttpSender;
import dev.retentioncleanup.url.HttpUrl;
import dev.retentioncleanup.url.PercentCoding;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Pushes a run's metrics to a Prometheus Pushgateway, the convention for batch jobs: grouping key
 * {@code job="retention_cleanup"} and no {@code instance} (a batch job's metrics must not depend on the pod it
 * ran in), plus {@code shard} for Indexed Jobs so shards do not overwrite each other, and {@code dry_run="true"}
 * so a dry run never replaces a real run's numbers. POST, not PUT: only the pushed metric names are replaced,
 * so {@code retention_last_success_timestamp_seconds} of the last success survives a failed run.
 * A push that fails is retried within {@link #BUDGET}, logged, and never changes the run's exit code.
 *
 * <p>Pushes the text format itself through {@link HttpSender} rather than through
 * {@code prometheus-metrics-exporter-pushgateway}: the release matching Micrometer's Prometheus client (1.7.0)
 * is not in the registry this project builds from, and mixing client versions in one shaded jar is worse than
 * one HTTP request.
 */
public final class Pushgateway implements Consumer<RunMetricsText> {
    public static final String JOB = "retention_cleanup";
    /** What a Pushgateway that is down or hangs may cost the run, retries included. */
    public static final Duration BUDGET = Duration.ofSeconds(10);

    private final HttpUrl base;
    private final String shard;
    private final HttpSender sender;

    /**
     * @param base  the gateway, with Basic-auth credentials when it needs them
     * @param shard e.g. "0-of-4", or null when the run is not sharded
     */
    private Pushgateway(HttpUrl base, String shard, HttpSender sender) {
        this.base = base;
        this.shard = shard;
        this.sender = sender;
    }

    public static Pushgateway of(HttpUrl base, String shard) {
        return new Pushgateway(base, shard, new HttpSender(BUDGET, BUDGET));
    }

    /** {@code <base>/metrics/job/retention_cleanup[/shard/<i>-of-<n>][/dry_run/true]}. */
    private HttpUrl groupUrl(boolean dryRun) {
        StringBuilder path = new StringBuilder("/metrics/job/" + JOB);
        if (shard != null) {
            path.append("/shard/").append(PercentCoding.encode(shard));
        }
        if (dryRun) {
            path.append("/dry_run/true");
        }
        return base.plusPath(path.toString());
    }

    @Override
    public void accept(RunMetricsText metrics) {
        sender.post("metrics push", groupUrl(metrics.dryRun()), "text/plain; version=0.0.4; charset=utf-8",
                metrics.exposition(), BUDGET);
    }
}
