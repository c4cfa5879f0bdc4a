package dev.retentioncleanup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.config.Setting;
import dev.retentioncleanup.config.Settings;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The settings registry and `run`'s options describe the same set: a setting without its flag is a bug. */
class SettingsOptionsTest {
    /** Options of `run` that are not settings (they are not layered through env/file the same way). */
    private static final Set<String> NOT_SETTINGS = Set.of("config", "dry-run", "help", "version", "quiet", "v");

    @Test
    void every_setting_has_a_run_flag_and_every_run_flag_is_a_setting() {
        CommandSpec run = Cli.commandLine().getSubcommands().get("run").getCommandSpec();
        List<String> flags = run.options().stream().map(OptionValues::settingName)
                .map(name -> name.replaceFirst("^-", "")).toList();
        List<String> settings = Settings.all().stream().map(Setting::name).toList();

        assertThat(flags.stream().filter(f -> !NOT_SETTINGS.contains(f))).containsExactlyInAnyOrderElementsOf(settings);
    }

    @Test
    void monitoring_flags_show_their_registry_defaults() {
        CommandSpec run = Cli.commandLine().getSubcommands().get("run").getCommandSpec();
        OptionSpec timeout = run.findOption("--heartbeat-timeout");
        OptionSpec interval = run.findOption("--progress-interval");

        assertThat(timeout.description()[0]).endsWith("Default: 10s.");
        assertThat(interval.description()[0]).endsWith("Default: 30s.");
    }
}
