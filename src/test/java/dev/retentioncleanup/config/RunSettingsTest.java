package dev.retentioncleanup.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSettingsTest {
    static final String URL = "jdbc:postgresql://db/app";

    @TempDir
    Path dir;

    private final Map<String, List<String>> flags = new HashMap<>();
    private final Map<String, String> env = new HashMap<>(Map.of("RETENTION_DB_URL", URL));
    private RetentionConfig file;

    private RunSettings resolve() {
        return RunSettings.resolve(new Sources(Settings.all(), flags, env, file));
    }

    private String origin(Setting<?> setting) {
        return new Sources(Settings.all(), flags, env, file).originOf(setting);
    }

    private void flag(String name, String... values) {
        flags.put(name, List.of(values));
    }

    /** A loaded config file whose run: section starts at line 11. */
    private Path fileWithRun(String runSection) throws IOException {
        Path path = dir.resolve("retention.yml");
        Files.writeString(path, ConfigLoaderTest.MINIMAL + "run:\n" + runSection);
        file = ConfigLoader.load(path);
        return path;
    }

    private void assertFails(String message) {
        assertThatThrownBy(this::resolve).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void defaults() {
        RunSettings settings = resolve();

        assertThat(settings.dbUrl()).isEqualTo(URL);
        assertThat(settings.dbUser()).isNull();
        assertThat(origin(Settings.DB_PASSWORD_FILE)).isNull();
        assertThat(settings.dbPassword()).isNull();
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.tenants()).isEmpty();
        assertThat(settings.shard()).isNull();
        assertThat(settings.maxRows()).isNull();
        assertThat(settings.batchSize()).isEqualTo(BatchSize.AUTO);
        assertThat(settings.minBatchSize()).isEqualTo(50);
        assertThat(settings.maxBatchSize()).isEqualTo(10_000);
        assertThat(settings.targetBatchTime()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.maxRowsPerTransaction()).isEqualTo(50_000);
        assertThat(settings.sleep()).isEqualTo(Duration.ZERO);
        assertThat(settings.statementTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.lockTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.maxRuntime()).isNull();
        assertThat(settings.maxRetries()).isEqualTo(5);
        assertThat(settings.report()).isNull();
        assertThat(settings.logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(origin(Settings.DB_URL)).isEqualTo("RETENTION_DB_URL");
        assertThat(origin(Settings.BATCH_SIZE)).isEqualTo("default");
    }

    @Test
    void serverTimeoutsAreWholeMillisecondsThatFitPostgresqlsInt() throws IOException {
        flag("statement-timeout", "24d20h31m23s647ms");
        env.put("RETENTION_LOCK_TIMEOUT", "1ms");
        assertThat(resolve().statementTimeout()).isEqualTo(Duration.ofMillis(Integer.MAX_VALUE));
        assertThat(resolve().lockTimeout()).isEqualTo(Duration.ofMillis(1));

        flag("statement-timeout", "25d");
        assertFails("--statement-timeout: '25d' is more than 24d20h31m23s647ms, the most PostgreSQL accepts");
        flag("statement-timeout", "24d20h31m23s648ms");
        assertFails("--statement-timeout: '24d20h31m23s648ms' is more than 24d20h31m23s647ms,"
                + " the most PostgreSQL accepts");
        flags.remove("statement-timeout");
        env.put("RETENTION_LOCK_TIMEOUT", "0.5ms"); // would be sent as 0: no timeout at all
        assertFails("RETENTION_LOCK_TIMEOUT: '0.5ms' is less than 1ms, the least PostgreSQL can enforce");
        env.remove("RETENTION_LOCK_TIMEOUT");
        Path path = fileWithRun("  lock_timeout: 30d\n");
        assertFails(path + ":11: run.lock_timeout: '30d' is more than 24d20h31m23s647ms, the most PostgreSQL accepts");
    }

    @Test
    void theConnectTimeoutFitsTheDriversIntSeconds() {
        flag("connect-timeout", "24855d3h14m7s");
        assertThat(resolve().connectTimeout()).isEqualTo(Duration.ofSeconds(Integer.MAX_VALUE));

        flag("connect-timeout", "24855d3h14m8s");
        assertFails("--connect-timeout: '24855d3h14m8s' is more than 24855d3h14m7s, the most the PostgreSQL driver"
                + " accepts");
    }

    @Test
    void precedenceIsFlagThenEnvThenFileThenDefault() throws IOException {
        Path path = fileWithRun("  batch_size: 300\n");
        env.put("RETENTION_BATCH_SIZE", "200");
        flag("batch-size", "100");
        assertThat(resolve().batchSize()).isEqualTo(new BatchSize.Fixed(100));
        assertThat(origin(Settings.BATCH_SIZE)).isEqualTo("--batch-size");

        flags.clear();
        assertThat(resolve().batchSize()).isEqualTo(new BatchSize.Fixed(200));
        assertThat(origin(Settings.BATCH_SIZE)).isEqualTo("RETENTION_BATCH_SIZE");

        env.remove("RETENTION_BATCH_SIZE");
        assertThat(resolve().batchSize()).isEqualTo(new BatchSize.Fixed(300));
        assertThat(origin(Settings.BATCH_SIZE)).isEqualTo(path + ":11: run.batch_size");

        file = null;
        assertThat(resolve().batchSize()).isEqualTo(BatchSize.AUTO);
        assertThat(origin(Settings.BATCH_SIZE)).isEqualTo("default");
    }

    @Test
    void emptyEnvValuesCountAsUnset() {
        env.put("RETENTION_BATCH_SIZE", "");
        env.put("RETENTION_DB_URL", "");
        env.put("DATABASE_URL", "postgres://db/app");
        assertThat(resolve().batchSize()).isEqualTo(BatchSize.AUTO);
        assertThat(resolve().dbUrl()).isEqualTo("postgres://db/app");
    }

    @Test
    void databaseUrlIsTheFallback() {
        env.remove("RETENTION_DB_URL");
        env.put("DATABASE_URL", "postgres://heroku/app");
        assertThat(resolve().dbUrl()).isEqualTo("postgres://heroku/app");
        assertThat(origin(Settings.DB_URL)).isEqualTo("DATABASE_URL");

        env.put("RETENTION_DB_URL", URL);
        assertThat(resolve().dbUrl()).isEqualTo(URL);
    }

    @Test
    void missingDatabaseUrl() {
        env.clear();
        assertFails("missing database URL: set --db-url, RETENTION_DB_URL or DATABASE_URL");
    }

    @Test
    void dbUserFallsBackToPgUser() {
        env.put("PGUSER", "app");
        assertThat(resolve().dbUser()).isEqualTo("app");
        env.put("RETENTION_DB_USER", "cleanup");
        assertThat(resolve().dbUser()).isEqualTo("cleanup");
    }

    @Test
    void errorsNameTheLayerTheBadValueCameFrom() throws IOException {
        flag("batch-size", "abc");
        assertFails("--batch-size: 'abc' is not a positive integer or 'auto'");

        flags.clear();
        env.put("RETENTION_BATCH_SIZE", "-5");
        assertFails("RETENTION_BATCH_SIZE: '-5' is not a positive integer or 'auto'");

        env.remove("RETENTION_BATCH_SIZE");
        Path path = fileWithRun("  max_runtime: 30m\n  batch_size: 0\n");
        assertFails(path + ":12: run.batch_size: '0' is not a positive integer or 'auto'");
    }

    @Test
    void badUnitsNameTheirSetting() {
        flag("max-runtime", "30x");
        assertFails("--max-runtime: '30x' is not a duration (examples: 500ms, 30s, 10m, 2h, 1d, 1h30m)");
        flags.clear();
        env.put("RETENTION_LOCK_TIMEOUT", "0s");
        assertFails("RETENTION_LOCK_TIMEOUT: '0s' must be greater than zero");
    }

    @Test
    void sleepMayBeZeroButNotNegative() {
        flag("sleep", "0");
        assertThat(resolve().sleep()).isEqualTo(Duration.ZERO);
        flag("sleep", "250ms");
        assertThat(resolve().sleep()).isEqualTo(Duration.ofMillis(250));
        flag("sleep", "-1s");
        assertFails("--sleep: '-1s' is not a duration (examples: 500ms, 30s, 10m, 2h, 1d, 1h30m)");
    }

    @Test
    void shard() {
        flag("shard", "2/4");
        assertThat(resolve().shard()).isEqualTo(new Shard(2, 4));
        for (String bad : List.of("4/4", "-1/4", "0/0", "1", "a/b", "1/2/3")) {
            flag("shard", bad);
            assertFails("--shard: '" + bad + "' is not a shard (form I/N with 0 <= I < N, e.g. 0/4 for the first of four)");
        }
    }

    @Test
    void minBatchSizeAboveMaxIsAnErrorBlamingTheOneTheUserSet() {
        flag("min-batch-size", "20000");
        assertFails("--min-batch-size: 20000 is greater than max-batch-size 10000 (default)");

        flags.clear();
        env.put("RETENTION_MAX_BATCH_SIZE", "10");
        assertFails("RETENTION_MAX_BATCH_SIZE: 10 is less than min-batch-size 50 (default)");

        flag("min-batch-size", "10");
        assertThat(resolve().minBatchSize()).isEqualTo(10);
        assertThat(resolve().maxBatchSize()).isEqualTo(10);
    }

    @Test
    void numericSettings() {
        flag("max-rows", "1000000");
        flag("max-retries", "0");
        flag("max-rows-per-transaction", "1");
        RunSettings settings = resolve();
        assertThat(settings.maxRows()).isEqualTo(1_000_000L);
        assertThat(settings.maxRetries()).isZero();
        assertThat(settings.maxRowsPerTransaction()).isEqualTo(1L);

        flag("max-rows-per-transaction", "0");
        assertFails("--max-rows-per-transaction: '0' is not a positive integer");
        flags.remove("max-rows-per-transaction");
        flag("max-retries", "-1");
        assertFails("--max-retries: '-1' is not an integer 0 or greater");
    }

    @Test
    void tenantsRepeatFromEachLayerWithoutMerging() throws IOException {
        fileWithRun("  tenant: [7, 8]\n");
        assertThat(resolve().tenants()).containsExactly("7", "8");

        env.put("RETENTION_TENANT", "42,43");
        assertThat(resolve().tenants()).containsExactly("42", "43");

        flag("tenant", "1", "2", "1");
        assertThat(resolve().tenants()).containsExactly("1", "2");
    }

    @Test
    void singleValuedSettingGivenAsListOrTwiceIsAnError() throws IOException {
        Path path = fileWithRun("  batch_size: [1, 2]\n");
        assertFails(path + ":11: run.batch_size: expected one value, got a list");

        flag("batch-size", "1", "2");
        assertFails("--batch-size: given 2 times; give it once");
    }

    @Test
    void logFormatAndReport() {
        flag("log-format", "JSON");
        flag("report", "-");
        assertThat(resolve().logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(resolve().report()).isEqualTo("-");
        flag("log-format", "xml");
        assertFails("--log-format: 'xml' is not text or json");
    }

    @Test
    void passwordFileIsReadWithoutTrailingNewline() throws IOException {
        Path secret = dir.resolve("pw");
        Files.writeString(secret, "s3cr3t \n");
        flag("db-password-file", secret.toString());
        env.put("PGPASSWORD", "from-env");

        RunSettings settings = resolve();
        assertThat(settings.dbPassword()).isEqualTo("s3cr3t ");
        assertThat(origin(Settings.DB_PASSWORD_FILE)).isEqualTo("--db-password-file");
    }

    @Test
    void passwordFileFromTheConfigFileStillWinsOverPasswordVariables() throws IOException {
        Path secret = dir.resolve("pw");
        Files.writeString(secret, "from-file\r\n");
        fileWithRun("  db_password_file: " + secret + "\n");
        env.put("RETENTION_DB_PASSWORD", "from-env");
        assertThat(resolve().dbPassword()).isEqualTo("from-file");
    }

    @Test
    void passwordFromEnvironment() {
        env.put("PGPASSWORD", "pg");
        assertThat(resolve().dbPassword()).isEqualTo("pg");
        env.put("RETENTION_DB_PASSWORD", "retention");
        assertThat(resolve().dbPassword()).isEqualTo("retention");
    }

    @Test
    void unreadablePasswordFileNamesTheFlag() throws IOException {
        Path missing = dir.resolve("missing");
        flag("db-password-file", missing.toString());
        assertFails("--db-password-file: cannot read password file '" + missing + "': no such file");

        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        flags.clear();
        env.put("RETENTION_DB_PASSWORD_FILE", empty.toString());
        assertFails("RETENTION_DB_PASSWORD_FILE: password file '" + empty + "' is empty");

        Path huge = Files.write(dir.resolve("huge"), new byte[5000]);
        env.put("RETENTION_DB_PASSWORD_FILE", huge.toString());
        assertFails("RETENTION_DB_PASSWORD_FILE: password file '" + huge + "' is larger than 4096 bytes; is it the right file?");
    }

    @Test
    void toStringNeverShowsPasswords() {
        env.put("RETENTION_DB_URL", "postgres://app:urlsecret@db:5432/app?sslmode=require&password=paramsecret");
        env.put("PGPASSWORD", "envsecret");

        String text = resolve().toString();

        assertThat(text).doesNotContain("urlsecret", "paramsecret", "envsecret")
                .contains("dbUrl=postgres://app:***@db:5432/app?sslmode=require&password=***", "dbPassword=***",
                        "batchSize=auto", "lockTimeout=PT5S");
    }

    @Test
    void unknownRunKeySuggestsTheClosest() throws IOException {
        Path path = fileWithRun("  batch_size: auto\n  batchsize: 5\n  colour: blue\n");
        assertFails(path + ":12: run.batchsize: unknown setting (did you mean 'batch_size'?)");
        path = fileWithRun("  colour: blue\n");
        assertFails(path + ":11: run.colour: unknown setting");
    }

    @Test
    void runKeysMayNameSettingsDeclaredOutsideThisPackage() throws IOException {
        // The guards declare theirs in package guard; the CLI gives Sources the whole list.
        Setting<Written<Long>> guardLimit = Setting.limit("max-x-size", "SIZE", Parsers::size, "Pause above this.");
        List<Setting<?>> settings = new ArrayList<>(Settings.all());
        settings.add(guardLimit);
        Path path = fileWithRun("  max_x_size: 1GB\n");
        Sources sources = new Sources(settings, flags, env, file);
        RunSettings.resolve(sources);
        assertThat(sources.value(guardLimit)).isEqualTo(new Written<>(1_000_000_000L, "1GB"));
        assertThat(sources.originOf(guardLimit)).isEqualTo(path + ":11: run.max_x_size");
        assertFails(path + ":11: run.max_x_size: unknown setting"); // without it in the list
    }

    @Test
    void flagsThatAreNotSettingsAreIgnored() {
        flag("dry-run", "true");
        flag("config", "retention.yml");
        assertThat(resolve().dbUrl()).isEqualTo(URL);
    }
}
