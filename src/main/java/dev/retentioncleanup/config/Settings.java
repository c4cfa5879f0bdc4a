package dev.retentioncleanup.config;

import static dev.retentioncleanup.config.SettingGroup.BATCHING;
import static dev.retentioncleanup.config.SettingGroup.CONNECTION;
import static dev.retentioncleanup.config.SettingGroup.GUARDS;
import static dev.retentioncleanup.config.SettingGroup.MONITORING;
import static dev.retentioncleanup.config.SettingGroup.OUTPUT;
import static dev.retentioncleanup.config.SettingGroup.SELECTION;

import dev.retentioncleanup.url.HttpUrl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The registry of settings. Adding one is a {@code register(...)} constant here, a component of
 * {@link RunSettings} and its line in {@link RunSettings#resolve}.
 *
 * <p>The password is deliberately not a setting: it is never a flag (it would show in {@code ps}) and never in
 * the file; it comes from {@link #DB_PASSWORD_FILE} or {@link #DB_PASSWORD_ENV}.
 */
public final class Settings {
    // Filled by register() as the constants below initialise, in textual order; declared first so it exists then.
    private static final List<Setting<?>> REGISTRY = new ArrayList<>();
    private static final List<Setting<?>> ALL = Collections.unmodifiableList(REGISTRY);

    public static final Setting<String> DB_URL =
            register(new Setting<>("db-url", CONNECTION, null, Parsers::text, List.of("DATABASE_URL"), false));
    public static final Setting<String> DB_USER =
            register(new Setting<>("db-user", CONNECTION, null, Parsers::text, List.of("PGUSER"), false));
    public static final Setting<Path> DB_PASSWORD_FILE =
            register(Setting.of("db-password-file", CONNECTION, null, Parsers::path));
    public static final Setting<Duration> CONNECT_TIMEOUT =
            register(Setting.of("connect-timeout", CONNECTION, "10s", Parsers::connectTimeout));

    public static final Setting<String> TENANT =
            register(new Setting<>("tenant", SELECTION, null, Parsers::text, List.of(), true));
    public static final Setting<Shard> SHARD = register(Setting.of("shard", SELECTION, null, Shard::parse));
    public static final Setting<String> TIME_ZONE =
            register(new Setting<>("time-zone", SELECTION, null, Parsers::text, List.of(), false));
    public static final Setting<Long> MAX_ROWS =
            register(Setting.of("max-rows", SELECTION, null, Parsers::positiveLong));

    public static final Setting<BatchSize> BATCH_SIZE =
            register(Setting.of("batch-size", BATCHING, "auto", BatchSize::parse));
    public static final Setting<Integer> MIN_BATCH_SIZE =
            register(Setting.of("min-batch-size", BATCHING, "50", Parsers::positiveInt));
    public static final Setting<Integer> MAX_BATCH_SIZE =
            register(Setting.of("max-batch-size", BATCHING, "10000", Parsers::positiveInt));
    public static final Setting<Duration> TARGET_BATCH_TIME =
            register(Setting.of("target-batch-time", BATCHING, "500ms", Parsers::positiveDuration));
    /**
     * Only needs to be 1 or more: descendants beyond it are drained in smaller committed steps, so it need not
     * exceed the batch size.
     */
    public static final Setting<Long> MAX_ROWS_PER_TRANSACTION =
            register(Setting.of("max-rows-per-transaction", BATCHING, "50000", Parsers::positiveLong));
    public static final Setting<Duration> SLEEP = register(Setting.of("sleep", BATCHING, "0ms", Parsers::duration));
    public static final Setting<Duration> STATEMENT_TIMEOUT =
            register(Setting.of("statement-timeout", BATCHING, "60s", Parsers::serverTimeout));
    public static final Setting<Duration> LOCK_TIMEOUT =
            register(Setting.of("lock-timeout", BATCHING, "5s", Parsers::serverTimeout));
    public static final Setting<Duration> MAX_RUNTIME =
            register(Setting.of("max-runtime", BATCHING, null, Parsers::positiveDuration));
    public static final Setting<Integer> MAX_RETRIES =
            register(Setting.of("max-retries", BATCHING, "5", Parsers::nonNegativeInt));

    public static final Setting<Written<Long>> MAX_WAL_RATE = limit("max-wal-rate", Parsers::positiveRate);
    public static final Setting<Written<Long>> MAX_WAL_SIZE = limit("max-wal-size", Parsers::size);
    public static final Setting<Written<Long>> MAX_ARCHIVE_BACKLOG =
            limit("max-archive-backlog", Parsers::nonNegativeLong);
    public static final Setting<Written<Long>> MAX_SLOT_LAG = limit("max-slot-lag", Parsers::size);
    public static final Setting<Written<Duration>> MAX_REPLICATION_LAG =
            limit("max-replication-lag", Parsers::positiveDuration);
    public static final Setting<Written<Long>> MAX_DATABASE_SIZE = limit("max-database-size", Parsers::size);
    public static final Setting<Path> PAUSE_FILE = register(Setting.of("pause-file", GUARDS, null, Parsers::path));
    /** Zero is allowed: stop at the first pause instead of waiting. */
    public static final Setting<Duration> GUARD_WAIT = register(Setting.of("guard-wait", GUARDS, "5m", Parsers::duration));
    public static final Setting<Duration> GUARD_INTERVAL =
            register(Setting.of("guard-interval", GUARDS, "1s", Parsers::duration));
    public static final Setting<Duration> SHUTDOWN_GRACE =
            register(Setting.of("shutdown-grace", GUARDS, "20s", Parsers::duration));

    public static final Setting<String> REPORT = register(Setting.of("report", OUTPUT, null, Parsers::text));
    public static final Setting<LogFormat> LOG_FORMAT =
            register(Setting.of("log-format", OUTPUT, "text", LogFormat::parse));

    // Monitoring (resolved apart from RunSettings, by MonitoringSettings, so a failed start can still ping).
    public static final Setting<String> HEARTBEAT_URL =
            register(Setting.of("heartbeat-url", MONITORING, null, Parsers::httpUrl));
    public static final Setting<String> HEARTBEAT_START_URL =
            register(Setting.of("heartbeat-start-url", MONITORING, null, Parsers::httpUrl));
    public static final Setting<String> HEARTBEAT_SUCCESS_URL =
            register(Setting.of("heartbeat-success-url", MONITORING, null, Parsers::httpUrl));
    public static final Setting<String> HEARTBEAT_FAILURE_URL =
            register(Setting.of("heartbeat-failure-url", MONITORING, null, Parsers::httpUrl));
    public static final Setting<Duration> HEARTBEAT_TIMEOUT =
            register(Setting.of("heartbeat-timeout", MONITORING, "10s", Parsers::positiveDuration));
    public static final Setting<HttpUrl> METRICS_PUSHGATEWAY =
            register(Setting.of("metrics-pushgateway", MONITORING, null, HttpUrl::parse));
    /** Basic auth for the Pushgateway, over the user info of its URL (a file, like the database password). */
    public static final Setting<String> METRICS_PUSHGATEWAY_USER =
            register(Setting.of("metrics-pushgateway-user", MONITORING, null, Parsers::text));
    public static final Setting<Path> METRICS_PUSHGATEWAY_PASSWORD_FILE =
            register(Setting.of("metrics-pushgateway-password-file", MONITORING, null, Parsers::path));
    public static final Setting<Path> METRICS_TEXTFILE =
            register(Setting.of("metrics-textfile", MONITORING, null, Parsers::path));
    public static final Setting<Duration> PROGRESS_INTERVAL =
            register(Setting.of("progress-interval", MONITORING, "30s", Parsers::positiveDuration));
    public static final Setting<TableRef> AUDIT_TABLE =
            register(Setting.of("audit-table", MONITORING, null, TableRef::parse));

    /** Consulted in order when no password file is configured. */
    public static final List<String> DB_PASSWORD_ENV = List.of("RETENTION_DB_PASSWORD", "PGPASSWORD");

    private Settings() {
    }

    /** Every setting, in declaration order (the order of the help text). */
    public static List<Setting<?>> all() {
        return ALL;
    }

    /** By kebab-case name, e.g. "batch-size". */
    public static Optional<Setting<?>> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    static Optional<Setting<?>> byFileKey(String key) {
        return ALL.stream().filter(s -> s.fileKey().equals(key)).findFirst();
    }

    static List<String> fileKeys() {
        return ALL.stream().map(Setting::fileKey).toList();
    }

    /** A guard's limit: off unless set, and kept with its text so messages echo it as written. */
    private static <T> Setting<Written<T>> limit(String name, Function<String, T> parser) {
        return register(Setting.of(name, GUARDS, null, Written.by(parser)));
    }

    private static <T> Setting<T> register(Setting<T> setting) {
        if (REGISTRY.stream().anyMatch(s -> s.name().equals(setting.name()))) {
            throw new IllegalStateException("duplicate setting " + setting.name());
        }
        REGISTRY.add(setting);
        return setting;
    }
}
