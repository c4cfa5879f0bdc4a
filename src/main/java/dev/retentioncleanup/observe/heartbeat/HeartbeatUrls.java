package dev.retentioncleanup.observe.heartbeat;

import dev.retentioncleanup.config.MonitoringSettings;
import dev.retentioncleanup.config.Shard;
import java.util.UUID;

/**
 * The four URLs a run may ping, as templates with {@code {rid}}, {@code {exit_code}} and {@code {status}} (filled
 * per ping) and {@code {shard}} (filled once, {@link #forShard}). A Healthchecks.io base URL gives all four
 * ({@code /start}, {@code /<exit code>}, {@code /log}, each with {@code ?rid=}); explicit templates override the
 * matching one. Null means "do not ping for this".
 */
public record HeartbeatUrls(String start, String success, String failure, String log) {
    public static HeartbeatUrls of(MonitoringSettings s) {
        String base = s.heartbeatUrl();
        String start = base == null ? null : healthchecks(base, "start");
        String end = base == null ? null : healthchecks(base, "{exit_code}");
        String log = base == null ? null : healthchecks(base, "log");
        return new HeartbeatUrls(
                s.heartbeatStartUrl() != null ? s.heartbeatStartUrl() : start,
                s.heartbeatSuccessUrl() != null ? s.heartbeatSuccessUrl() : end,
                s.heartbeatFailureUrl() != null ? s.heartbeatFailureUrl() : end,
                log);
    }

    /**
     * {@code {shard}} becomes {@code I-of-N} for {@code --shard I/N}, {@code all} without it: the pods of an Indexed
     * Job can each ping a check of their own, so one shard's success cannot hide another's failure.
     */
    public HeartbeatUrls forShard(Shard shard) {
        String value = shard == null ? "all" : shard.label();
        return new HeartbeatUrls(withShard(start, value), withShard(success, value), withShard(failure, value),
                withShard(log, value));
    }

    private static String withShard(String template, String value) {
        return template == null ? null : template.replace("{shard}", value);
    }

    public boolean any() {
        return start != null || success != null || failure != null || log != null;
    }

    /** {@code https://hc-ping.com/KEY/slug?create=1} + "start" → {@code https://hc-ping.com/KEY/slug/start?create=1&rid={rid}}. */
    static String healthchecks(String base, String suffix) {
        int q = base.indexOf('?', base.lastIndexOf('@') + 1); // a '?' typed raw in a password is not the query
        String path = q < 0 ? base : base.substring(0, q);
        String query = q < 0 ? "" : base.substring(q + 1);
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path + "/" + suffix + "?" + (query.isEmpty() ? "" : query + "&") + "rid={rid}";
    }

    /** Placeholder values are a UUID, an integer and a status word: nothing to escape. */
    public static String render(String template, UUID runId, int exitCode, String status) {
        return template.replace("{rid}", runId.toString())
                .replace("{exit_code}", Integer.toString(exitCode))
                .replace("{status}", status);
    }
}
