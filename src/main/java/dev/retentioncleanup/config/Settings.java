package dev.retentioncleanup.config;

import static dev.retentioncleanup.config.SettingGroup.ARCHIVE;
import static dev.retentioncleanup.config.SettingGroup.BATCHING;
import static dev.retentioncleanup.config.SettingGroup.CONNECTION;
import static dev.retentioncleanup.config.SettingGroup.GUARDS;
import static dev.retentioncleanup.config.SettingGroup.MONITORING;
import static dev.retentioncleanup.config.SettingGroup.OUTPUT;
import static dev.retentioncleanup.config.SettingGroup.PARTITIONS;
import static dev.retentioncleanup.config.SettingGroup.SELECTION;

import dev.retentioncleanup.url.HttpUrl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The settings this package declares, each once: name, group, label, help, default, parser. Adding one is a
 * {@code register(...)} constant here, a component of {@link RunSettings} (or {@link MonitoringSettings}) and its
 * line in {@code resolve}; the CLI makes its option from the declaration. The guards declare their own settings,
 * next to each guard ({@code guard.GuardRegistry} lists them); the CLI puts both lists together.
 *
 * <p>The password is deliberately not a setting: it is never a flag (it would show in {@code ps}) and never in
 * the file; it comes from {@link #DB_PASSWORD_FILE} or {@link #DB_PASSWORD_ENV}.
 */
public final class Settings {
    // Filled by register() as the constants below initialise, in textual order; declared first so it exists then.
    private static final List<Setting<?>> REGISTRY = new ArrayList<>();
    private static final List<Setting<?>> ALL = Collections.unmodifiableList(REGISTRY);

    /** Consulted in order when no password file is configured. */
    public static final List<String> DB_PASSWORD_ENV = List.of("RETENTION_DB_PASSWORD", "PGPASSWORD");

    public static final Setting<String> DB_URL = register(Setting.of("db-url", CONNECTION, "URL", Parsers::text,
            "jdbc:postgresql://… or postgres://user@host:port/db?sslmode=….").withFallbackEnv("DATABASE_URL"));
    public static final Setting<String> DB_USER = register(Setting.of("db-user", CONNECTION, "NAME", Parsers::text,
            "Role to connect as.").withFallbackEnv("PGUSER"));
    public static final Setting<Path> DB_PASSWORD_FILE = register(Setting.of("db-password-file", CONNECTION, "FILE",
            Parsers::path, "File holding the password. Otherwise env " + String.join(", then ", DB_PASSWORD_ENV)
                    + "; never a flag, so it cannot show in ps."));
    public static final Setting<Duration> CONNECT_TIMEOUT = register(Setting.of("connect-timeout", CONNECTION,
            "DURATION", Parsers::connectTimeout, "Give up connecting after this long.").withDefault("10s"));

    public static final Setting<String> TENANT = register(Setting.of("tenant", SELECTION, "ID", Parsers::text,
            "Only this tenant (the policy key value); repeatable.").asList());
    public static final Setting<Shard> SHARD = register(Setting.of("shard", SELECTION, "I/N", Shard::parse,
            "Only tenants whose key hashes to shard I of N (0-based), for Kubernetes Indexed Jobs."));
    public static final Setting<String> TIME_ZONE = register(Setting.of("time-zone", SELECTION, "ZONE", Parsers::text,
            "Zone in which timestamp (without time zone) and date columns are read; default: the database's"
                    + " TimeZone."));
    public static final Setting<Long> MAX_ROWS = register(Setting.of("max-rows", SELECTION, "N", Parsers::positiveLong,
            "Stop (exit 5) after deleting this many target rows."));

    public static final Setting<BatchSize> BATCH_SIZE = register(Setting.of("batch-size", BATCHING, "N|auto",
            BatchSize::parse, "Target rows per batch; auto adapts toward --target-batch-time.").withDefault("auto"));
    public static final Setting<Integer> MIN_BATCH_SIZE = register(Setting.of("min-batch-size", BATCHING, "N",
            Parsers::positiveInt, "Smallest batch auto sizing may choose.").withDefault("50"));
    public static final Setting<Integer> MAX_BATCH_SIZE = register(Setting.of("max-batch-size", BATCHING, "N",
            Parsers::positiveInt, "Largest batch auto sizing may choose.").withDefault("10000"));
    public static final Setting<Duration> TARGET_BATCH_TIME = register(Setting.of("target-batch-time", BATCHING,
            "DURATION", Parsers::positiveDuration, "Batch duration auto sizing aims for.").withDefault("500ms"));
    /**
     * Only needs to be 1 or more: descendants beyond it are drained in smaller committed steps, so it need not
     * exceed the batch size.
     */
    public static final Setting<Long> MAX_ROWS_PER_TRANSACTION = register(Setting.of("max-rows-per-transaction",
            BATCHING, "N", Parsers::positiveLong, "Hard bound on rows (targets plus descendants) deleted in one"
                    + " transaction; larger batches drain descendants in committed steps first.").withDefault("50000"));
    public static final Setting<Duration> SLEEP = register(Setting.of("sleep", BATCHING, "DURATION", Parsers::duration,
            "Pause between batches.").withDefault("0ms"));
    public static final Setting<Duration> STATEMENT_TIMEOUT = register(Setting.of("statement-timeout", BATCHING,
            "DURATION", Parsers::serverTimeout, "statement_timeout for every statement.").withDefault("60s"));
    public static final Setting<Duration> LOCK_TIMEOUT = register(Setting.of("lock-timeout", BATCHING, "DURATION",
            Parsers::serverTimeout, "lock_timeout for every statement.").withDefault("5s"));
    public static final Setting<Duration> MAX_RUNTIME = register(Setting.of("max-runtime", BATCHING, "DURATION",
            Parsers::positiveDuration, "Stop starting batches after this long (exit 5)."));
    public static final Setting<Integer> MAX_RETRIES = register(Setting.of("max-retries", BATCHING, "N",
            Parsers::nonNegativeInt, "Retries of a transient error (connection loss, deadlock, lock timeout…) before"
                    + " failing.").withDefault("5"));

    // The guards' own settings (their limits and the pause file) are declared by each guard, in package guard.
    // These say how pausing, stopping and shutting down behave, whichever guards are on.
    /** Zero is allowed: stop at the first pause instead of waiting. */
    public static final Setting<Duration> GUARD_WAIT = register(Setting.of("guard-wait", GUARDS, "DURATION",
            Parsers::duration, "Stop (exit 3) after pausing this long without a batch.").withDefault("5m"));
    public static final Setting<Duration> GUARD_INTERVAL = register(Setting.of("guard-interval", GUARDS, "DURATION",
            Parsers::duration, "Reuse a guard's reading for this long, unless the WAL written since would take it"
                    + " over its limit.").withDefault("1s"));
    public static final Setting<Duration> SHUTDOWN_GRACE = register(Setting.of("shutdown-grace", GUARDS, "DURATION",
            Parsers::duration, "On SIGTERM/SIGINT, let the running batch commit for this long, then cancel it.")
            .withDefault("20s"));

    public static final Setting<Duration> DDL_LOCK_TIMEOUT = register(Setting.of("ddl-lock-timeout", PARTITIONS,
            "DURATION", Parsers::serverTimeout, "Longest wait for any lock of a partition removal (partitions: drop or"
                    + " detach); the application's queries queue behind a waiting lock, so this bounds their wait too.")
            .withDefault("1s"));
    public static final Setting<String> DETACH_SCHEMA = register(Setting.of("detach-schema", PARTITIONS, "SCHEMA",
            Identifiers::single, "Schema that partitions: detach moves detached partitions to (created if"
                    + " missing).").withDefault("retention_detached"));

    public static final Setting<Path> ARCHIVE_DIR = register(Setting.of("archive-dir", ARCHIVE, "DIR", Parsers::path,
            "Archive every deleted row here (gzip CSV per batch and table, a manifest per run) in the transaction that"
                    + " deletes it; see docs/archive.md."));
    public static final Setting<S3Location> ARCHIVE_URL = register(Setting.of("archive-url", ARCHIVE,
            "s3://BUCKET/PREFIX", S3Location::parse, "Archive to S3 instead (credentials from the AWS SDK's default"
                    + " chain: environment, profile, web identity)."));
    public static final Setting<HttpUrl> ARCHIVE_ENDPOINT = register(Setting.of("archive-endpoint", ARCHIVE, "URL",
            HttpUrl::parse, "S3-compatible endpoint for --archive-url (path-style addressing), e.g. MinIO."));
    public static final Setting<TableRef> ARCHIVE_OUTBOX = register(Setting.of("archive-outbox", ARCHIVE, "TABLE",
            TableRef::parse, "Table recording each archived batch in the transaction that deletes it (created if"
                    + " missing; sql/archive.sql).").withDefault("retention_archive_outbox"));

    public static final Setting<String> REPORT = register(Setting.of("report", OUTPUT, "FILE|-", Parsers::text,
            "Write the JSON report here (- for stdout), also when the run fails or stops."));
    public static final Setting<LogFormat> LOG_FORMAT = register(Setting.of("log-format", OUTPUT, "text|json",
            LogFormat::parse, "Log lines on stderr as text or one JSON object per line.").withDefault("text"));

    // Monitoring (resolved apart from RunSettings, by MonitoringSettings, so a failed start can still ping).
    public static final Setting<String> HEARTBEAT_URL = register(Setting.of("heartbeat-url", MONITORING, "URL",
            Parsers::httpUrl, "Healthchecks.io-style ping URL: /start?rid= when the run starts, /<exit code>?rid= at"
                    + " the end with a summary, /log?rid= when skipped (exit 4). Dry runs send nothing."));
    public static final Setting<String> HEARTBEAT_START_URL = register(Setting.of("heartbeat-start-url", MONITORING,
            "URL", Parsers::httpUrl, "Template pinged when the run starts; placeholders {rid}, {exit_code}, {status},"
                    + " {shard} (I-of-N, or all; also in --heartbeat-url)."));
    public static final Setting<String> HEARTBEAT_SUCCESS_URL = register(Setting.of("heartbeat-success-url",
            MONITORING, "URL", Parsers::httpUrl, "Template pinged when the run exits 0."));
    public static final Setting<String> HEARTBEAT_FAILURE_URL = register(Setting.of("heartbeat-failure-url",
            MONITORING, "URL", Parsers::httpUrl, "Template pinged on any other exit code except 4 (skipped)."));
    public static final Setting<Duration> HEARTBEAT_TIMEOUT = register(Setting.of("heartbeat-timeout", MONITORING,
            "DURATION", Parsers::positiveDuration, "Timeout of each ping request; retries on network errors, 408, 429,"
                    + " 5xx; at most about 30s in total per run.").withDefault("10s"));
    public static final Setting<HttpUrl> METRICS_PUSHGATEWAY = register(Setting.of("metrics-pushgateway", MONITORING,
            "URL", HttpUrl::parse, "Push metrics to this Prometheus Pushgateway at the end (job retention_cleanup);"
                    + " user:password@ in the URL is sent as Basic auth."));
    /** Basic auth for the Pushgateway, over the user info of its URL (a file, like the database password). */
    public static final Setting<String> METRICS_PUSHGATEWAY_USER = register(Setting.of("metrics-pushgateway-user",
            MONITORING, "NAME", Parsers::text, "Basic-auth user for the Pushgateway (overrides user@ in its URL)."));
    public static final Setting<Path> METRICS_PUSHGATEWAY_PASSWORD_FILE = register(Setting.of(
            "metrics-pushgateway-password-file", MONITORING, "FILE", Parsers::path,
            "File holding the Pushgateway's Basic-auth password (overrides one in its URL)."));
    public static final Setting<Path> METRICS_TEXTFILE = register(Setting.of("metrics-textfile", MONITORING, "FILE",
            Parsers::path, "Write metrics to FILE (atomically) for node_exporter's textfile collector."));
    public static final Setting<Duration> PROGRESS_INTERVAL = register(Setting.of("progress-interval", MONITORING,
            "DURATION", Parsers::positiveDuration, "Progress log line cadence when stderr is not a terminal.")
            .withDefault("30s"));
    public static final Setting<TableRef> AUDIT_TABLE = register(Setting.of("audit-table", MONITORING, "TABLE",
            TableRef::parse, "Record each run in this table (create it with sql/audit.sql); checked at start."));

    private Settings() {
    }

    /** Every setting of this package, in declaration order (the order of the help text). */
    public static List<Setting<?>> all() {
        return ALL;
    }

    private static <T> Setting<T> register(Setting<T> setting) {
        if (REGISTRY.stream().anyMatch(s -> s.name().equals(setting.name()))) {
            throw new IllegalStateException("duplicate setting " + setting.name());
        }
        REGISTRY.add(setting);
        return setting;
    }
}
