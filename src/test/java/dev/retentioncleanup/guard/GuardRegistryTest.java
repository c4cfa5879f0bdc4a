package dev.retentioncleanup.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retentioncleanup.config.ConfigException;
import dev.retentioncleanup.config.Setting;
import dev.retentioncleanup.config.SettingGroup;
import dev.retentioncleanup.config.Settings;
import dev.retentioncleanup.config.Sources;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The registry: each guard's own setting, resolved through the layers, builds one guard per setting set. */
class GuardRegistryTest {
    private static final List<Setting<?>> ALL = Stream.concat(GuardRegistry.settings().stream(),
            Settings.all().stream()).toList();

    private static GuardRegistry.Enabled enabled(Map<String, List<String>> flags, Map<String, String> env) {
        return GuardRegistry.enabled(new Sources(ALL, flags, env, null));
    }

    @Test
    void everyGuardDeclaresAGuardSettingOfItsOwnName() {
        assertThat(GuardRegistry.settings()).extracting(Setting::name).containsExactly("max-wal-rate", "max-wal-size",
                "max-archive-backlog", "max-slot-lag", "max-replication-lag", "max-database-size", "pause-file");
        assertThat(GuardRegistry.settings()).allSatisfy(s -> {
            assertThat(s.group()).isEqualTo(SettingGroup.GUARDS);
            assertThat(s.defaultText()).as("a guard is off unless set").isNull();
        });
        assertThat(ALL.stream().map(Setting::name).toList()).as("one name per setting, config's and the guards'")
                .doesNotHaveDuplicates();
    }

    @Test
    void buildsOnlyTheGuardsWhoseSettingIsSetAskingThePauseFileFirst() {
        assertThat(enabled(Map.of(), Map.of()).isEmpty()).isTrue();
        GuardRegistry.Enabled enabled = enabled(Map.of("max-database-size", List.of("1GB"),
                "pause-file", List.of("/nonexistent/pause")), Map.of("RETENTION_MAX_WAL_RATE", "1MB/s"));
        assertThat(enabled.guards(Duration.ofSeconds(1), Clock.systemUTC()).names())
                .containsExactly(PauseFile.NAME, WalRate.NAME, DatabaseSize.NAME);
    }

    @Test
    void aBadValueIsAConfigErrorNamingWhereItWasSet() {
        assertThatThrownBy(() -> enabled(Map.of("max-wal-size", List.of("lots")), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--max-wal-size: 'lots' is not a size (examples: 64MB, 1.5GiB, 512kB, 1048576)");
        assertThatThrownBy(() -> enabled(Map.of(), Map.of("RETENTION_MAX_WAL_RATE", "0MB/s")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("RETENTION_MAX_WAL_RATE: '0MB/s' must be greater than zero");
    }

    @Test
    void aGuardsFlagInMessagesIsItsSettingsFlag() {
        GuardRegistry.Enabled enabled = enabled(Map.of("max-slot-lag", List.of("1GB"),
                "max-replication-lag", List.of("30s"), "max-archive-backlog", List.of("10")), Map.of());
        assertThat(enabled.guards(Duration.ofSeconds(1), Clock.systemUTC()).names())
                .containsExactly(ArchiveBacklog.NAME, SlotLag.NAME, ReplicationLag.NAME);
        assertThat(new SlotLag(SlotLag.SETTING.parse("1GB")).flag()).isEqualTo("--max-slot-lag");
    }
}
