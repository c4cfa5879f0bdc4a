package dev.retentioncleanup.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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
                "guard-wait", "guard-interval", "shutdown-grace",
                "ddl-lock-timeout", "detach-schema",
                "archive-dir", "archive-url", "archive-endpoint", "archive-outbox",
                "report", "log-format",
                "heartbeat-url", "heartbeat-start-url", "heartbeat-success-url", "heartbeat-failure-url",
                "heartbeat-timeout", "metrics-pushgateway", "metrics-pushgateway-user", "metrics-pushgateway-password-file",
                "metrics-textfile", "progress-interval", "audit-table");
        assertThatThrownBy(() -> Settings.all().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void eachSettingCarriesItsHelpLabelAndDefault() {
        assertThat(Settings.TARGET_BATCH_TIME.defaultText()).isEqualTo("500ms");
        assertThat(Settings.TARGET_BATCH_TIME.label()).isEqualTo("DURATION");
        assertThat(Settings.TARGET_BATCH_TIME.help()).isEqualTo("Batch duration auto sizing aims for.");
        assertThat(Settings.MAX_RUNTIME.defaultText()).isNull();
        assertThat(Settings.TENANT.repeatable()).isTrue();
        assertThat(Settings.all()).allSatisfy(s -> assertThat(s.help()).endsWith("."));
    }

    @Test
    void theGuardsDeclareTheirOwnSettingsHereOnlyHowPausingBehaves() {
        assertThat(Settings.all()).filteredOn(s -> s.group() == SettingGroup.GUARDS)
                .containsExactly(Settings.GUARD_WAIT, Settings.GUARD_INTERVAL, Settings.SHUTDOWN_GRACE);
    }

    @Test
    void aLimitIsAGuardSettingThatKeepsItsText() {
        Setting<Written<Long>> limit = Setting.limit("max-x", "SIZE", Parsers::size, "Pause above this.");
        assertThat(limit.group()).isEqualTo(SettingGroup.GUARDS);
        assertThat(limit.defaultText()).isNull();
        assertThat(limit.parse(" 64MB ")).isEqualTo(new Written<>(64_000_000L, "64MB"));
    }

    @Test
    void aSettingNeedsALabelAndAHelpText() {
        assertThatThrownBy(() -> Setting.of("x", SettingGroup.OUTPUT, "", Parsers::text, "Help."))
                .hasMessage("setting x needs a label and a help text");
        assertThatThrownBy(() -> Setting.of("x", SettingGroup.OUTPUT, "X", Parsers::text, " "))
                .hasMessage("setting x needs a label and a help text");
    }

    @Test
    void noSettingCanCarryAPassword() {
        assertThat(Settings.all()).extracting(Setting::name).doesNotContain("db-password", "password");
        assertThat(Settings.DB_PASSWORD_ENV).isEqualTo(List.of("RETENTION_DB_PASSWORD", "PGPASSWORD"));
    }

    @Test
    void aBrokenDefaultFailsWhenTheSettingIsDeclared() {
        Setting<Long> rate = Setting.of("max-wal-rate", SettingGroup.GUARDS, "RATE", Units::parseRate, "Help.");
        assertThatThrownBy(() -> rate.withDefault("32MB"))
                .hasMessage("'32MB' is not a rate (examples: 32MB/s, 32MiB/s, 1GB/min)");
        assertThat(rate.withDefault("32MB/s").parse(" 32MB/s ")).isEqualTo(32_000_000L);
        assertThat(Setting.of("max-wal-size", SettingGroup.GUARDS, "SIZE", Parsers::size, "Help.").withDefault("1GiB")
                .parse("64MB")).isEqualTo(64_000_000L);
    }

    @Test
    void namesMustBeKebabCase() {
        assertThatThrownBy(() -> Setting.of("batch_size", SettingGroup.BATCHING, "N", Parsers::text, "Help."))
                .hasMessage("setting name must be kebab-case: batch_size");
    }
}
