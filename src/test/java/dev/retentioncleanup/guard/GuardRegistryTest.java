package dev.retentioncleanup.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.config.GuardSettings;
import dev.retentioncleanup.config.Setting;
import dev.retentioncleanup.config.SettingGroup;
import dev.retentioncleanup.config.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry builds one guard per limit set, and knows every guard setting but the three timings. */
class GuardRegistryTest {
    @Test
    void everyGuardSettingButTheTimingsTurnsOnAGuard() {
        assertThat(GuardRegistry.settings()).containsExactlyInAnyOrderElementsOf(Settings.all().stream()
                .filter(s -> s.group() == SettingGroup.GUARDS)
                .filter(s -> s != Settings.GUARD_WAIT && s != Settings.GUARD_INTERVAL && s != Settings.SHUTDOWN_GRACE)
                .toList());
    }

    @Test
    void buildsOnlyTheGuardsWhoseLimitIsSetInRegistryOrder() {
        assertThat(GuardRegistry.guards(settings(Map.of()), Clock.systemUTC()).isEmpty()).isTrue();
        Map<Setting<?>, Object> limits = Map.of(
                Settings.MAX_DATABASE_SIZE, Settings.MAX_DATABASE_SIZE.parse("1GB"),
                Settings.PAUSE_FILE, Path.of("/nonexistent/pause"),
                Settings.MAX_WAL_RATE, Settings.MAX_WAL_RATE.parse("1MB/s"));
        assertThat(GuardRegistry.guards(settings(limits), Clock.systemUTC()).names())
                .containsExactly(PauseFile.NAME, WalRate.NAME, DatabaseSize.NAME);
    }

    private static GuardSettings settings(Map<Setting<?>, Object> limits) {
        return new GuardSettings(limits, Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(20));
    }
}
