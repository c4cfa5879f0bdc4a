package dev.retentioncleanup.observe.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.config.MonitoringSettings;
import dev.retentioncleanup.config.Shard;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HeartbeatUrlsTest {
    private static final UUID RID = UUID.fromString("6f1c2c0e-0000-4000-8000-000000000001");

    private static MonitoringSettings settings(String base, String start, String success, String failure) {
        return new MonitoringSettings(base, start, success, failure, Duration.ofSeconds(10), null, null,
                Duration.ofSeconds(30), null);
    }

    @Test
    void a_question_mark_in_the_user_info_is_not_the_query() {
        HeartbeatUrls urls = HeartbeatUrls.of(settings("https://u:p?w@hc.example/KEY?create=1", null, null, null));

        assertThat(urls.start()).isEqualTo("https://u:p?w@hc.example/KEY/start?create=1&rid={rid}");
    }

    @Test
    void a_healthchecks_base_url_gives_all_four_with_rid() {
        HeartbeatUrls urls = HeartbeatUrls.of(settings("https://hc-ping.com/KEY/nightly-cleanup/", null, null, null));

        assertThat(HeartbeatUrls.render(urls.start(), RID, 0, "running"))
                .isEqualTo("https://hc-ping.com/KEY/nightly-cleanup/start?rid=" + RID);
        assertThat(HeartbeatUrls.render(urls.success(), RID, 0, "completed"))
                .isEqualTo("https://hc-ping.com/KEY/nightly-cleanup/0?rid=" + RID);
        assertThat(HeartbeatUrls.render(urls.failure(), RID, 3, "stopped"))
                .isEqualTo("https://hc-ping.com/KEY/nightly-cleanup/3?rid=" + RID);
        assertThat(HeartbeatUrls.render(urls.log(), RID, 4, "skipped"))
                .isEqualTo("https://hc-ping.com/KEY/nightly-cleanup/log?rid=" + RID);
    }

    @Test
    void a_query_string_on_the_base_url_is_kept() {
        HeartbeatUrls urls = HeartbeatUrls.of(settings("https://hc.example/ping/KEY/job?create=1", null, null, null));

        assertThat(urls.start()).isEqualTo("https://hc.example/ping/KEY/job/start?create=1&rid={rid}");
    }

    @Test
    void templates_override_the_derived_urls_and_alone_send_no_log_event() {
        HeartbeatUrls only = HeartbeatUrls.of(settings(null, null, "https://b.example/hb/T", "https://b.example/hb/T/{exit_code}"));

        assertThat(only.start()).isNull();
        assertThat(only.log()).isNull();
        assertThat(HeartbeatUrls.render(only.failure(), RID, 5, "stopped")).isEqualTo("https://b.example/hb/T/5");
        HeartbeatUrls mixed = HeartbeatUrls.of(settings("https://hc.example/KEY", "https://s.example/{rid}", null, null));
        assertThat(mixed.start()).isEqualTo("https://s.example/{rid}");
        assertThat(mixed.success()).isEqualTo("https://hc.example/KEY/{exit_code}?rid={rid}");
        assertThat(mixed.log()).isEqualTo("https://hc.example/KEY/log?rid={rid}");
        assertThat(HeartbeatUrls.of(MonitoringSettings.NONE).any()).isFalse();
    }

    @Test
    void the_shard_placeholder_gives_each_shard_its_own_check_and_all_without_shards() {
        HeartbeatUrls urls = HeartbeatUrls.of(settings("https://hc-ping.com/KEY/cleanup-{shard}?create=1", null, null,
                "https://f.example/{shard}/{exit_code}"));

        HeartbeatUrls third = urls.forShard(new Shard(2, 4));
        assertThat(third.start()).isEqualTo("https://hc-ping.com/KEY/cleanup-2-of-4/start?create=1&rid={rid}");
        assertThat(third.success()).isEqualTo("https://hc-ping.com/KEY/cleanup-2-of-4/{exit_code}?create=1&rid={rid}");
        assertThat(third.failure()).isEqualTo("https://f.example/2-of-4/{exit_code}");
        assertThat(third.log()).isEqualTo("https://hc-ping.com/KEY/cleanup-2-of-4/log?create=1&rid={rid}");
        assertThat(urls.forShard(null).start()).isEqualTo("https://hc-ping.com/KEY/cleanup-all/start?create=1&rid={rid}");
        assertThat(new HeartbeatUrls(null, null, null, null).forShard(new Shard(0, 2)).any()).isFalse();
    }
}
