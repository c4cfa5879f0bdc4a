package dev.retentioncleanup.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitoringSettingsTest {
    @Test
    void defaults_when_nothing_is_set() {
        MonitoringSettings m = MonitoringSettings.resolve(new Sources(Map.of(), Map.of(), null));

        assertThat(m).isEqualTo(MonitoringSettings.NONE);
        assertThat(m.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(m.progressInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(m.heartbeatConfigured()).isFalse();
    }

    @Test
    void flags_beat_the_environment() {
        MonitoringSettings m = MonitoringSettings.resolve(new Sources(
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
        assertThatThrownBy(() -> MonitoringSettings.resolve(new Sources(
                Map.of("metrics-pushgateway", List.of("pushgateway:9091")), Map.of(), null)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--metrics-pushgateway: 'pushgateway:9091' is not an http:// or https:// URL");
        assertThatThrownBy(() -> MonitoringSettings.resolve(new Sources(
                Map.of(), Map.of("RETENTION_HEARTBEAT_TIMEOUT", "0s"), null)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("RETENTION_HEARTBEAT_TIMEOUT: ");
    }

    @Test
    void templates_with_placeholders_are_valid_urls() {
        MonitoringSettings m = MonitoringSettings.resolve(new Sources(Map.of("heartbeat-failure-url",
                List.of("https://kuma.example/api/push/T?status=down&msg={status}%20{exit_code}&rid={rid}")), Map.of(), null));

        assertThat(m.heartbeatFailureUrl()).endsWith("{rid}");
        assertThat(m.heartbeatConfigured()).isTrue();
    }

    @Test
    void heartbeat_only_survives_a_broken_setting_elsewhere_and_falls_back_to_flags_and_env() {
        Sources brokenTimeoutInEnvButUrlInFlag = new Sources(Map.of("heartbeat-url", List.of("https://hc.example/a")),
                Map.of("RETENTION_HEARTBEAT_TIMEOUT", "soon"), null);
        assertThat(MonitoringSettings.heartbeatOnly(brokenTimeoutInEnvButUrlInFlag)).isEqualTo(MonitoringSettings.NONE);

        Sources brokenOther = new Sources(Map.of("heartbeat-url", List.of("https://hc.example/a"),
                "metrics-pushgateway", List.of("nope")), Map.of(), null);
        assertThat(MonitoringSettings.heartbeatOnly(brokenOther).heartbeatUrl()).isEqualTo("https://hc.example/a");
    }

    @Test
    void the_shard_of_a_failed_start_comes_from_any_layer_that_still_parses() {
        assertThat(RunSettings.shardOnly(new Sources(Map.of("shard", List.of("1/3")), Map.of(), null)))
                .isEqualTo(new Shard(1, 3));
        assertThat(RunSettings.shardOnly(new Sources(Map.of(), Map.of("RETENTION_SHARD", "0/2"), null)))
                .isEqualTo(new Shard(0, 2));
        assertThat(RunSettings.shardOnly(new Sources(Map.of("shard", List.of("3/3")), Map.of(), null))).isNull();
        assertThat(RunSettings.shardOnly(new Sources(Map.of(), Map.of(), null))).isNull();
    }
}
