package dev.retentioncleanup.observe.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes a run's metrics to a Prometheus Pushgateway, the convention for batch jobs: grouping key
 * {@code job="retention_cleanup"} and no {@code instance} (a batch job's metrics must not depend on the pod it
 * ran in), plus {@code shard} for Indexed Jobs so shards do not overwrite each other, and {@code dry_run="true"}
 * so a dry run never replaces a real run's numbers. POST, not PUT: only the pushed metric names are replaced,
 * so {@code retention_last_success_timestamp_seconds} of the last success survives a failed run.
 * A failed push is logged and never changes the run's exit code.
 *
 * <p>Pushes the text format itself with {@link HttpClient} rather than through
 * {@code prometheus-metrics-exporter-pushgateway}: the release matching Micrometer's Prometheus client (1.7.0)
 * is not in the registry this project builds from, and mixing client versions in one shaded jar is worse than
 * one HTTP request.
 */
public final class Pushgateway implements Consumer<RunMetricsText> {
    private static final Logger LOG = LoggerFactory.getLogger(Pushgateway.class);
    public static final String JOB = "retention_cleanup";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String baseUrl;
    private final String shard;

    /** @param shard e.g. "0-of-4", or null when the run is not sharded */
    public Pushgateway(String baseUrl, String shard) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.shard = shard;
    }

    /** {@code <base>/metrics/job/retention_cleanup[/shard/<i>-of-<n>][/dry_run/true]}. */
    public String groupUrl(boolean dryRun) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("job", JOB);
        if (shard != null) {
            labels.put("shard", shard);
        }
        if (dryRun) {
            labels.put("dry_run", "true");
        }
        StringBuilder url = new StringBuilder(baseUrl).append("/metrics");
        labels.forEach((k, v) -> url.append('/').append(k).append('/')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20")));
        return url.toString();
    }

    @Override
    public void accept(RunMetricsText metrics) {
        String url = groupUrl(metrics.dryRun());
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
                    .build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(metrics.exposition(), StandardCharsets.UTF_8))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                LOG.warn("metrics push to {} failed: HTTP {} {}", url, response.statusCode(),
                        response.body().strip());
                return;
            }
            LOG.debug("metrics pushed to {}", url);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("metrics push to {} failed: {}", url, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("metrics push to {} interrupted", url);
        }
    }
}
