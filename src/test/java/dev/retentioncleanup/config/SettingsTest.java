package dev.retentioncleanup.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {
    @Test
    void spellingsDeriveFromTheName() {
        Setting<?> setting = Settings.BATCH_SIZE;
        assertThat(setting.flag()).isEqualTo("--batch-size");
        assertThat(setting.env()).isEqualTo("RETENTION_BATCH_SIZE");
        assertThat(setting.fileKey()).isEqualTo("batch_size");
        assertThat(Settings.DB_URL.envNames()).containsExactly("RETENTION_DB_URL", "DATABASE_URL");
    }

    @Test
    void registryListsEverySettingInDeclarationOrder() {
        assertThat(Settings.all()).extracting(Setting::name).containsExactly(
                "db-url", "db-user", "db-password-file", "connect-timeout",
                "tenant", "shard", "time-zone", "max-rows",
                "batch-size", "min-batch-size", "max-batch-size", "target-batch-time", "max-rows-per-transaction",
                "sleep", "statement-timeout", "lock-timeout", "max-runtime", "max-retries",
                "max-wal-rate", "max-wal-size", "max-archive-backlog", "max-slot-lag", "max-replication-lag",
                "max-database-size", "pause-file", "guard-wait", "guard-interval", "shutdown-grace",
                "report", "log-format",
                "heartbeat-url", "heartbeat-start-url", "heartbeat-success-url", "heartbeat-failure-url",
                "heartbeat-timeout", "metrics-pushgateway", "metrics-pushgateway-user", "metrics-pushgateway-password-file",
                "metrics-textfile", "progress-interval", "audit-table");
        assertThatThrownBy(() -> Settings.all().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void defaultTextForHelp() {
        assertThat(Settings.named("target-batch-time").map(Setting::defaultText)).contains("500ms");
        assertThat(Settings.named("max-runtime").map(Setting::defaultText)).isEmpty();
        assertThat(Settings.named("no-such-setting")).isEqualTo(Optional.empty());
    }

    @Test
    void noSettingCanCarryAPassword() {
        assertThat(Settings.all()).extracting(Setting::name).doesNotContain("db-password", "password");
        assertThat(Settings.DB_PASSWORD_ENV).isEqualTo(List.of("RETENTION_DB_PASSWORD", "PGPASSWORD"));
    }

    @Test
    void aBrokenDefaultFailsWhenTheSettingIsDeclared() {
        assertThatThrownBy(() -> Setting.of("max-wal-rate", SettingGroup.GUARDS, "32MB", Parsers::rate))
                .hasMessage("'32MB' is not a rate (examples: 32MB/s, 32MiB/s, 1GB/min)");
        assertThat(Setting.of("max-wal-rate", SettingGroup.GUARDS, "32MB/s", Parsers::rate).parse(" 32MB/s "))
                .isEqualTo(32_000_000L);
        assertThat(Setting.of("max-wal-size", SettingGroup.GUARDS, "1GiB", Parsers::size).parse("64MB"))
                .isEqualTo(64_000_000L);
    }

    @Test
    void namesMustBeKebabCase() {
        assertThatThrownBy(() -> Setting.of("batch_size", SettingGroup.BATCHING, null, Parsers::text))
                .hasMessage("setting name must be kebab-case: batch_size");
    }
}
