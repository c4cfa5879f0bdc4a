package dev.retentioncleanup.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Who hears about the run: cron monitors, Prometheus, the audit table; progress cadence. */
final class MonitoringOptions {
    @Option(names = "--heartbeat-url", paramLabel = "URL", order = 70,
            description = "Healthchecks.io-style ping URL: /start?rid= when the run starts, /<exit code>?rid= "
                    + "at the end with a summary, /log?rid= when skipped (exit 4). Dry runs send nothing.")
    String heartbeatUrl;

    @Option(names = "--heartbeat-start-url", paramLabel = "URL", order = 71,
            description = "Template pinged when the run starts; placeholders {rid}, {exit_code}, {status}, "
                    + "{shard} (I-of-N, or all; also in --heartbeat-url).")
    String heartbeatStartUrl;

    @Option(names = "--heartbeat-success-url", paramLabel = "URL", order = 72,
            description = "Template pinged when the run exits 0.")
    String heartbeatSuccessUrl;

    @Option(names = "--heartbeat-failure-url", paramLabel = "URL", order = 73,
            description = "Template pinged on any other exit code except 4 (skipped).")
    String heartbeatFailureUrl;

    @Option(names = "--heartbeat-timeout", paramLabel = "DURATION", order = 74,
            description = "Timeout of each ping request; retries on network errors, 408, 429, 5xx; at most "
                    + "about 30s in total per run. Default: ${DEFAULT-VALUE}.")
    String heartbeatTimeout;

    @Option(names = "--metrics-pushgateway", paramLabel = "URL", order = 75,
            description = "Push metrics to this Prometheus Pushgateway at the end (job retention_cleanup); "
                    + "user:password@ in the URL is sent as Basic auth.")
    String metricsPushgateway;

    @Option(names = "--metrics-pushgateway-user", paramLabel = "NAME", order = 76,
            description = "Basic-auth user for the Pushgateway (overrides user@ in its URL).")
    String metricsPushgatewayUser;

    @Option(names = "--metrics-pushgateway-password-file", paramLabel = "FILE", order = 77,
            description = "File holding the Pushgateway's Basic-auth password (overrides one in its URL).")
    String metricsPushgatewayPasswordFile;

    @Option(names = "--metrics-textfile", paramLabel = "FILE", order = 78,
            description = "Write metrics to FILE (atomically) for node_exporter's textfile collector.")
    Path metricsTextfile;

    @Option(names = "--progress-interval", paramLabel = "DURATION", order = 79,
            description = "Progress log line cadence when stderr is not a terminal. Default: ${DEFAULT-VALUE}.")
    String progressInterval;

    @Option(names = "--audit-table", paramLabel = "TABLE", order = 80,
            description = "Record each run in this table (create it with sql/audit.sql); checked at start.")
    String auditTable;
}
