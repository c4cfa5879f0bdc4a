package dev.retentioncleanup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.config.Setting;
import dev.retentioncleanup.config.SettingGroup;
import dev.retentioncleanup.config.Settings;
import dev.retentioncleanup.guard.GuardRegistry;
import dev.retentioncleanup.guard.WalSize;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Options are made from the settings' declarations: one declaration, one option, its section and its help line. */
class SettingOptionsTest {
    private static CommandLine command(String name) {
        return Cli.commandLine().getSubcommands().get(name);
    }

    @Test
    void everySettingConfigsAndTheGuardsIsOneOptionInTheOrderOfTheHelp() {
        assertThat(SettingOptions.ALL).containsAll(Settings.all()).containsAll(GuardRegistry.settings())
                .hasSize(Settings.all().size() + GuardRegistry.settings().size());
        assertThat(SettingOptions.ALL).extracting(Setting::group).isSorted();
        assertThat(SettingOptions.ALL).filteredOn(s -> s.group() == SettingGroup.GUARDS).extracting(Setting::name)
                .containsExactly("max-wal-rate", "max-wal-size", "max-archive-backlog", "max-slot-lag",
                        "max-replication-lag", "max-database-size", "pause-file", "guard-wait", "guard-interval",
                        "shutdown-grace");
    }

    @Test
    void runHasEverySectionAndCheckTheFourItUses() {
        CommandSpec run = command("run").getCommandSpec();
        assertThat(run.argGroups()).extracting(g -> g.heading()).containsExactly("%nConnection:%n",
                "%nSelection:%n", "%nBatching:%n", "%nGuards:%n", "%nPartitions:%n", "%nArchive:%n", "%nOutput:%n",
                "%nMonitoring:%n");
        assertThat(run.options()).extracting(OptionSpec::userObject).containsAll(SettingOptions.ALL);
        CommandSpec check = command("check").getCommandSpec();
        assertThat(check.argGroups()).extracting(g -> g.heading())
                .containsExactly("%nConnection:%n", "%nGuards:%n", "%nArchive:%n", "%nOutput:%n");
    }

    @Test
    void anOptionsLabelAndHelpAreItsSettings() {
        OptionSpec walSize = command("check").getCommandSpec().findOption(WalSize.SETTING.flag());
        assertThat(walSize.paramLabel()).isEqualTo("SIZE");
        assertThat(walSize.description()).containsExactly(WalSize.SETTING.help());
        assertThat(walSize.userObject()).isSameAs(WalSize.SETTING);
    }

    @Test
    void theDescriptionAddsFallbackVariablesAndTheDefault() {
        assertThat(SettingOptions.description(Settings.DB_USER))
                .isEqualTo("Role to connect as (env RETENTION_DB_USER, then PGUSER).");
        assertThat(SettingOptions.description(Settings.HEARTBEAT_TIMEOUT)).endsWith("per run. Default: 10s.");
        assertThat(SettingOptions.description(Settings.MAX_RUNTIME)).isEqualTo(Settings.MAX_RUNTIME.help());
        String help = command("run").getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(help).contains("--progress-interval=DURATION", "terminal. Default: 30s.");
    }

    @Test
    void onlyWhatWasTypedIsRead() {
        CommandLine.ParseResult parsed = Cli.commandLine()
                .parseArgs("run", "--batch-size", "500", "--tenant", "a", "--tenant", "b", "--dry-run", "-v");
        assertThat(SettingOptions.typed(parsed.subcommand()))
                .isEqualTo(Map.of("batch-size", List.of("500"), "tenant", List.of("a", "b")));
    }
}
