package dev.retentioncleanup.observe.metrics;

/** A run's metrics in the Prometheus text exposition format (0.0.4), and whether they come from a dry run. */
public record RunMetricsText(String exposition, boolean dryRun) {
}
