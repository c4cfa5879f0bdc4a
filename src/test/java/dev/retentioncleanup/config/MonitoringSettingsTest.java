package dev.retentioncleanup.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retentioncleanup.url.Credentials;
import dev.retentioncleanup.url.HttpUrl;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitoringSettingsTest {
    @Test
    void defaults_when_nothing_is_set() {
        MonitoringSettings m = MonitoringSettings.resolve(new Sources(Settings.all(), Map.of(), Map.of(), null));

        assertThat(m).isEqualTo(MonitoringSettings.NONE);
        assertThat(m.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(m.progressInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(m.heartbeatUrl()).isNull();
        assertThat(m.heartbeatStartUrl()).isNull();
        assertThat(m.heartbeatSuccessUrl()).isNull();
        assertThat(m.heartbeatFailureUrl()).isNull();
    }

    @Test
    void flags_beat_the_environment() {
        MonitoringSettings m = MonitoringSettings.resolve(new Sources(Settings.all(),
                Map.of("heartbeat-url", List.of("https://hc.example/a"), "audit-table", List.of("audit.\"Runs\"")),
                Map.of("RETENTION_HEARTBEAT_URL", "https://hc.example/env", "RETENTION_METRICS_TEXTFILE", "/x/m.prom",
                        "RETENTION_HEARTBEAT_TIMEOUT", "3s"),
                null));

        assertThat(m.heartbeatUrl()).isEqualTo("https://hc.example/a");
        assertThat(m.metricsTextfile()).isEqualTo(Path.of("/x/m.prom"));
        assertThat(m.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(m.auditTable()).isEqualTo(new TableRef("audit", "Runs"));
    }

    @Test
    void a_url_that_is_not_http_names_its_flag() {
        assertThatThrownBy(() -> MonitoringSettings.resolve(new Sources(Settings.all(),
                Map.of("metrics-pushgateway", List.of("pushgateway:9091")), Map.of(), null)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--metrics-pushgateway: not an http:// or https:// URL");
        assertThatThrownBy(() -> MonitoringSettings.resolve(new Sources(Settings.all(),
                Map.of("heartbeat-url", List.of("https://u:hunter2@hc.example/a b")), Map.of(), null)))
                .hasMessage("--heartbeat-url: not a valid URL: Illegal character in path");
        assertThatThrownBy(() -> MonitoringSettings.resolve(new Sources(Settings.all(),
                Map.of(), Map.of("RETENTION_HEARTBEAT_TIMEOUT", "0s"), null)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("RETENTION_HEARTBEAT_TIMEOUT: ");
    }

    @Test
    void templates_with_placeholders_are_valid_urls() {
        MonitoringSettings m = MonitoringSettings.resolve(new Sources(Settings.all(), Map.of("heartbeat-failure-url",
                List.of("https://kuma.example/api/push/T?status=down&msg={status}%20{exit_code}&rid={rid}")), Map.of(), null));

        assertThat(m.heartbeatFailureUrl()).endsWith("{rid}");
    }

    @Test
    void heartbeat_only_survives_a_broken_setting_elsewhere_and_falls_back_to_flags_and_env() {
        Sources brokenTimeoutInEnvButUrlInFlag = new Sources(Settings.all(), Map.of("heartbeat-url", List.of("https://hc.example/a")),
                Map.of("RETENTION_HEARTBEAT_TIMEOUT", "soon"), null);
        assertThat(MonitoringSettings.heartbeatOnly(brokenTimeoutInEnvButUrlInFlag)).isEqualTo(MonitoringSettings.NONE);

        Sources brokenOther = new Sources(Settings.all(), Map.of("heartbeat-url", List.of("https://hc.example/a"),
                "metrics-pushgateway", List.of("nope")), Map.of(), null);
        assertThat(MonitoringSettings.heartbeatOnly(brokenOther).heartbeatUrl()).isEqualTo("https://hc.example/a");
    }

    @Test
    void pushgateway_credentials_come_from_its_url_or_from_the_user_and_password_file_settings(@TempDir Path dir)
            throws Exception {
        MonitoringSettings fromUrl = MonitoringSettings.resolve(new Sources(Settings.all(),
                Map.of("metrics-pushgateway", List.of("http://push:p%40ss@gw:9091")), Map.of(), null));
        assertThat(fromUrl.metricsPushgateway()).isEqualTo(new HttpUrl(URI.create("http://gw:9091"),
                Optional.of(new Credentials("push", "p@ss"))));

        Path file = Files.writeString(dir.resolve("pw"), "from-file\n");
        MonitoringSettings fromFile = MonitoringSettings.resolve(new Sources(Settings.all(),
                Map.of("metrics-pushgateway", List.of("http://push:p%40ss@gw:9091"),
                        "metrics-pushgateway-user", List.of("flaguser")),
                Map.of("RETENTION_METRICS_PUSHGATEWAY_PASSWORD_FILE", file.toString()), null));
        assertThat(fromFile.metricsPushgateway().credentials()).contains(new Credentials("flaguser", "from-file"));

        assertThatThrownBy(() -> MonitoringSettings.resolve(new Sources(Settings.all(), Map.of("metrics-pushgateway",
                List.of("http://gw:9091"), "metrics-pushgateway-password-file", List.of(file.toString())), Map.of(), null)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--metrics-pushgateway-password-file: a password needs a user: set "
                        + "--metrics-pushgateway-user or put user@ in the Pushgateway URL");
    }

    @Test
    void the_shard_of_a_failed_start_comes_from_any_layer_that_still_parses() {
        assertThat(RunSettings.shardOnly(new Sources(Settings.all(), Map.of("shard", List.of("1/3")), Map.of(), null)))
                .isEqualTo(new Shard(1, 3));
        assertThat(RunSettings.shardOnly(new Sources(Settings.all(), Map.of(), Map.of("RETENTION_SHARD", "0/2"), null)))
                .isEqualTo(new Shard(0, 2));
        assertThat(RunSettings.shardOnly(new Sources(Settings.all(), Map.of("shard", List.of("3/3")), Map.of(), null))).isNull();
        assertThat(RunSettings.shardOnly(new Sources(Settings.all(), Map.of(), Map.of(), null))).isNull();
    }
}
