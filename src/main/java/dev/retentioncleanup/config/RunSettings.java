package dev.retentioncleanup.config;

import dev.retentioncleanup.url.UserInfo;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;

/**
 * Every setting of a run, resolved and checked once. Components without a default are null when not set
 * (documented per component); lists are empty, never null.
 *
 * @param dbUser                optional; null lets the driver use the URL's user
 * @param dbPassword            optional; null when neither a password file nor a password variable is set
 * @param tenants               --tenant values; empty means all tenants
 * @param shard                 optional; null means all shards
 * @param timeZone              optional; null means the database's own TimeZone
 * @param maxRows               optional; null means no limit
 * @param maxRuntime            optional; null means no limit
 * @param report                optional; a path, "-" for stdout, or null for no report
 * @param archive               optional; null means deleted rows are not archived
 * @param archiveOutbox         the table recording archived batches (used only when {@code archive} is set)
 * @param guards                how pausing, stopping and shutting down behave (the guards' limits are resolved by
 *                              {@code guard.GuardRegistry})
 */
public record RunSettings(
        String dbUrl, String dbUser, String dbPassword, Duration connectTimeout,
        List<String> tenants, Shard shard, String timeZone, Long maxRows,
        BatchSize batchSize, int minBatchSize, int maxBatchSize, Duration targetBatchTime, long maxRowsPerTransaction,
        Duration sleep, Duration statementTimeout, Duration lockTimeout, Duration maxRuntime, int maxRetries,
        Duration ddlLockTimeout, String detachSchema, ArchiveDestination archive,
        TableRef archiveOutbox,
        String report, LogFormat logFormat,
        GuardSettings guards) {
    public RunSettings {
        tenants = List.copyOf(tenants);
    }

    /**
     * Best effort for a start that failed before the settings resolved, so that its failure ping reaches the
     * shard's own check: {@code --shard} from all layers, else from flags and environment only, else null.
     */
    public static Shard shardOnly(Sources sources) {
        return Layers.bestEffort(sources, layers -> layers.value(Settings.SHARD), null);
    }

    /**
     * Checks the file's {@code run:} keys against the command's settings, then resolves this record's settings. The
     * guards' own settings are resolved by the guard registry, from the same sources.
     */
    public static RunSettings resolve(Sources sources) {
        sources.requireKnownFileKeys();
        Layers layers = new Layers(sources);
        String dbUrl = layers.value(Settings.DB_URL);
        if (dbUrl == null) {
            throw new ConfigException("missing database URL: set --db-url, RETENTION_DB_URL or DATABASE_URL");
        }
        Layers.Resolved<Path> passwordFile = layers.single(Settings.DB_PASSWORD_FILE);
        Batching batching = Batching.resolve(layers);
        return new RunSettings(
                dbUrl,
                layers.value(Settings.DB_USER),
                password(layers, passwordFile),
                layers.value(Settings.CONNECT_TIMEOUT),
                layers.list(Settings.TENANT).value().stream().distinct().toList(),
                layers.value(Settings.SHARD),
                layers.value(Settings.TIME_ZONE),
                layers.value(Settings.MAX_ROWS),
                layers.value(Settings.BATCH_SIZE),
                batching.min(),
                batching.max(),
                layers.value(Settings.TARGET_BATCH_TIME),
                layers.value(Settings.MAX_ROWS_PER_TRANSACTION),
                layers.value(Settings.SLEEP),
                layers.value(Settings.STATEMENT_TIMEOUT),
                layers.value(Settings.LOCK_TIMEOUT),
                layers.value(Settings.MAX_RUNTIME),
                layers.value(Settings.MAX_RETRIES),
                layers.value(Settings.DDL_LOCK_TIMEOUT),
                layers.value(Settings.DETACH_SCHEMA),
                ArchiveDestination.resolve(layers),
                layers.value(Settings.ARCHIVE_OUTBOX),
                layers.value(Settings.REPORT),
                layers.value(Settings.LOG_FORMAT),
                GuardSettings.resolve(layers));
    }

    /** A password file, wherever it is configured, wins over password variables: it is the deliberate choice. */
    private static String password(Layers layers, Layers.Resolved<Path> file) {
        if (file != null) {
            return Secrets.readPasswordFile(file.value(), file.origin());
        }
        Layers.Resolved<String> env = layers.env(Settings.DB_PASSWORD_ENV);
        return env == null ? null : env.value();
    }

    /** Adaptive batch bounds, checked together so the message can blame the one the user set. */
    private record Batching(int min, int max) {
        static Batching resolve(Layers layers) {
            Layers.Resolved<Integer> min = layers.single(Settings.MIN_BATCH_SIZE);
            Layers.Resolved<Integer> max = layers.single(Settings.MAX_BATCH_SIZE);
            if (min.value() > max.value()) {
                boolean blameMax = min.origin().equals(Layers.DEFAULT);
                throw new ConfigException(blameMax
                        ? max.origin() + ": " + max.value() + " is less than min-batch-size " + min.value()
                                + " (" + min.origin() + ")"
                        : min.origin() + ": " + min.value() + " is greater than max-batch-size " + max.value()
                                + " (" + max.origin() + ")");
            }
            return new Batching(min.value(), max.value());
        }
    }

    /** Never shows the password, including one embedded in the URL; lists every other component. */
    @Override
    public String toString() {
        StringJoiner out = new StringJoiner(", ", "RunSettings[", "]");
        for (RecordComponent component : RunSettings.class.getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(this);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (component.getName().equals("dbPassword") && value != null) {
                value = "***";
            } else if (component.getName().equals("dbUrl")) {
                value = UserInfo.redact((String) value);
            }
            out.add(component.getName() + "=" + value);
        }
        return out.toString();
    }
}
