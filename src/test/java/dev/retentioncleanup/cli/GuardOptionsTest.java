package dev.retentioncleanup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.config.Setting;
import dev.retentioncleanup.config.SettingGroup;
import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The guard flags: declared for run and check, shown under "Guards:", bad units exit 2 naming the flag. */
class GuardOptionsTest {
    private static final String CONFIG = """
            policy:
              table: organizations
              key: id
              retention_days: retention_days
            targets:
              - table: events
                key: id
                timestamp: created_at
                tenant: [organization_id -> organizations.id]
            """;

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("--max-wal-rate", "32MB", "'32MB' is not a rate"),
                Arguments.of("--max-wal-rate", "0MB/s", "must be greater than zero"),
                Arguments.of("--max-wal-size", "lots", "'lots' is not a size"),
                Arguments.of("--max-archive-backlog", "-1", "'-1' is not an integer 0 or greater"),
                Arguments.of("--max-slot-lag", "1GX", "'1GX' is not a size"),
                Arguments.of("--max-replication-lag", "30", "30"),
                Arguments.of("--max-database-size", "10 parsecs", "is not a size"),
                Arguments.of("--guard-wait", "5 minutes", "5 minutes"),
                Arguments.of("--guard-interval", "1x", "1x"),
                Arguments.of("--shutdown-grace", "soon", "soon"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void badUnitsExit2NamingTheFlag(String flag, String value, String complaint, @TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("retention.yml"), CONFIG);
        for (String command : List.of("run", "check")) {
            CliResult result = CliRunner.run(command, "--config", config.toString(),
                    "--db-url", "jdbc:postgresql://127.0.0.1:1/none", flag, value);
            assertThat(result.exitCode()).as(command + " " + flag + " " + value).isEqualTo(2);
            String firstLine = result.err().lines().findFirst().orElse("");
            assertThat(firstLine).contains(flag).contains(complaint);
        }
    }

    @Test
    void everyGuardSettingIsAFlagOfRunAndCheckUnderGuards() {
        List<String> guardFlags = SettingOptions.ALL.stream().filter(s -> s.group() == SettingGroup.GUARDS)
                .map(Setting::flag).toList();
        assertThat(guardFlags).hasSize(10);
        for (String command : List.of("run", "check")) {
            CommandLine sub = Cli.commandLine().getSubcommands().get(command);
            List<String> declared = sub.getCommandSpec().options().stream().map(OptionSpec::longestName).toList();
            assertThat(declared).as(command).containsAll(guardFlags);
            String help = sub.getUsageMessage(CommandLine.Help.Ansi.OFF);
            String guards = help.substring(help.indexOf("Guards:"));
            assertThat(guards).contains("--max-wal-rate=RATE", "--pause-file=PATH", "--guard-wait=DURATION",
                    "Default: 5m", "Default: 1s", "Default: 20s");
        }
    }
}
