package dev.retentioncleanup.config;

import dev.retentioncleanup.url.HttpUrl;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a run tells the outside world: heartbeat URLs, metrics destinations, progress cadence and the audit
 * table. Resolved apart from {@link RunSettings} so that a run whose other settings are broken can still send
 * its failure ping ({@link #heartbeatOnly}).
 *
 * @param heartbeatUrl        optional; Healthchecks.io-style base URL (/start, /&lt;exit code&gt;, /log appended)
 * @param heartbeatStartUrl   optional template with {rid}, {exit_code}, {status}, {shard}
 * @param heartbeatSuccessUrl optional template, used for exit code 0
 * @param heartbeatFailureUrl optional template, used for any other exit code except 4 (skipped)
 * @param metricsPushgateway  optional; base URL of a Prometheus Pushgateway, with the Basic-auth credentials of
 *                            its user info, or of the user and password-file settings, which win
 * @param metricsTextfile     optional; a node_exporter textfile collector file
 * @param auditTable          optional; the table created from sql/audit.sql
 */
public record MonitoringSettings(String heartbeatUrl, String heartbeatStartUrl, String heartbeatSuccessUrl,
        String heartbeatFailureUrl, Duration heartbeatTimeout, HttpUrl metricsPushgateway, Path metricsTextfile,
        Duration progressInterval, TableRef auditTable) {

    public static MonitoringSettings resolve(Sources sources) {
        Layers layers = new Layers(sources);
        return new MonitoringSettings(
                layers.value(Settings.HEARTBEAT_URL),
                layers.value(Settings.HEARTBEAT_START_URL),
                layers.value(Settings.HEARTBEAT_SUCCESS_URL),
                layers.value(Settings.HEARTBEAT_FAILURE_URL),
                layers.value(Settings.HEARTBEAT_TIMEOUT),
                pushgateway(layers),
                layers.value(Settings.METRICS_TEXTFILE),
                layers.value(Settings.PROGRESS_INTERVAL),
                layers.value(Settings.AUDIT_TABLE));
    }

    /** The URL keeps no user info: its credentials, or the user and file settings over them, go as Basic auth. */
    private static HttpUrl pushgateway(Layers layers) {
        HttpUrl url = layers.value(Settings.METRICS_PUSHGATEWAY);
        if (url == null) {
            return null;
        }
        Layers.Resolved<Path> file = layers.single(Settings.METRICS_PUSHGATEWAY_PASSWORD_FILE);
        HttpUrl withCredentials = url.withCredentials(layers.value(Settings.METRICS_PUSHGATEWAY_USER),
                file == null ? null : Secrets.readPasswordFile(file.value(), file.origin()));
        if (file != null && withCredentials.credentials().orElseThrow().user().isEmpty()) {
            throw new ConfigException(file.origin() + ": a password needs a user: set "
                    + Settings.METRICS_PUSHGATEWAY_USER.flag() + " or put user@ in the Pushgateway URL");
        }
        return withCredentials;
    }

    /**
     * Best effort for a start that failed before the settings resolved: the heartbeat settings alone, from all
     * layers, else from flags and environment only (the file may be what is broken), else {@link #NONE}.
     */
    public static MonitoringSettings heartbeatOnly(Sources sources) {
        return Layers.bestEffort(sources, layers -> new MonitoringSettings(layers.value(Settings.HEARTBEAT_URL),
                layers.value(Settings.HEARTBEAT_START_URL), layers.value(Settings.HEARTBEAT_SUCCESS_URL),
                layers.value(Settings.HEARTBEAT_FAILURE_URL), layers.value(Settings.HEARTBEAT_TIMEOUT),
                null, null, NONE.progressInterval, null), NONE);
    }

    public static final MonitoringSettings NONE = new MonitoringSettings(null, null, null, null,
            Duration.ofSeconds(10), null, null, Duration.ofSeconds(30), null);
}
