package dev.retentioncleanup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.config.Setting;
import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line as users meet it, without a database: help, version, and every kind of bad input
 * ending in exit 2 with one line that names the flag or key (and the file line).
 */
class CliTest {
    private static final String VALID = """
            policy:
              table: organizations
              key: id
              retention_days: retention_days
            targets:
              - table: outgoing_emails
                key: id
                timestamp: created_at
                tenant: [domain_id -> domains.id, organization_id -> organizations.id]
            """;
    /** Nothing listens on port 1: a URL that could never reach a server if validation failed to stop first. */
    private static final String NO_SERVER = "jdbc:postgresql://127.0.0.1:1/none";

    @TempDir
    Path dir;

    @Test
    void versionPrintsTheProjectVersion() {
        CliResult result = CliRunner.run("--version");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out().strip()).matches("retention-cleanup \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void helpOfEveryCommandGroupsItsOptionsAndShowsDefaults() {
        CliResult root = CliRunner.run("--help");
        assertThat(root.exitCode()).isZero();
        assertThat(root.out()).contains("run", "check", "Exit codes:", "4  skipped: another run holds the lock");

        CliResult run = CliRunner.run("run", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Connection:", "Selection:", "Batching:", "Output:",
                "--batch-size=N|auto", "Default: auto", "Default: 500ms", "RETENTION_DB_PASSWORD")
                .doesNotContain("--db-password=", "null");

        CliResult check = CliRunner.run("check", "--help");
        assertThat(check.exitCode()).isZero();
        assertThat(check.out()).contains("Connection:", "--config", "Exit 0 when nothing is an error");
    }

    @Test
    void everyRunOptionIsARegisteredSettingAndEverySettingAnOption() {
        CommandLine run = Cli.commandLine().getSubcommands().get("run");
        Set<String> optionNames = run.getCommandSpec().options().stream()
                .map(OptionSpec::longestName).filter(n -> n.startsWith("--"))
                .map(n -> n.substring(2))
                .filter(n -> !Set.of("help", "version", "config", "dry-run", "quiet").contains(n))
                .collect(Collectors.toSet());
        Set<String> settingNames = SettingOptions.ALL.stream().map(Setting::name).collect(Collectors.toSet());
        assertThat(optionNames).containsExactlyInAnyOrderElementsOf(settingNames);
    }

    @Test
    void missingConfigIsExit2NamingFlagAndVariable() {
        assertUsageError(CliRunner.run("run", "--db-url", NO_SERVER),
                "missing configuration: set --config FILE or RETENTION_CONFIG");
    }

    @Test
    void missingFileIsExit2NamingTheFile() {
        Path missing = dir.resolve("nope.yml");
        assertUsageError(CliRunner.run("run", "--config", missing.toString(), "--db-url", NO_SERVER),
                missing + ": cannot read config file: no such file");
    }

    @Test
    void yamlSyntaxErrorIsExit2WithItsLine() throws IOException {
        Path file = write("policy:\n  table: [organizations\ntargets: []\n");
        CliResult result = CliRunner.run("run", "--config", file.toString(), "--db-url", NO_SERVER);
        assertUsageErrorStartingWith(result, file + ":3: YAML syntax error");
    }

    @Test
    void unknownKeyIsExit2WithKeyAndLine() throws IOException {
        Path file = write(VALID + "    retention: 5\n");
        assertUsageErrorStartingWith(CliRunner.run("run", "--config", file.toString(), "--db-url", NO_SERVER),
                file + ":10: targets[0].retention: unknown key");
    }

    @Test
    void wrongTypeIsExit2() throws IOException {
        Path file = write(VALID.replace("  retention_days: retention_days\n",
                "  retention_days: retention_days\n  default_days: lots\n"));
        assertUsageErrorStartingWith(CliRunner.run("run", "--config", file.toString(), "--db-url", NO_SERVER),
                file + ":5: policy.default_days:");
    }

    @Test
    void negativeDaysAreExit2() throws IOException {
        Path file = write(VALID.replace("  retention_days: retention_days\n",
                "  retention_days: retention_days\n  min_days: -1\n"));
        assertUsageErrorStartingWith(CliRunner.run("run", "--config", file.toString(), "--db-url", NO_SERVER),
                file + ":5: policy.min_days:");
    }

    @Test
    void tenantPathNotEndingAtThePolicyTableIsExit2() throws IOException {
        Path file = write(VALID.replace("organization_id -> organizations.id", "organization_id -> accounts.id"));
        assertUsageErrorStartingWith(CliRunner.run("run", "--config", file.toString(), "--db-url", NO_SERVER),
                file + ":9: targets[0].tenant: the path must end at the policy table");
    }

    @Test
    void malformedEdgeIsExit2() throws IOException {
        Path file = write(VALID + "    extra_children:\n      - email_opens.outgoing_email_id outgoing_emails.id\n");
        assertUsageErrorStartingWith(CliRunner.run("run", "--config", file.toString(), "--db-url", NO_SERVER),
                file + ":11: targets[0].extra_children[0]: 'email_opens.outgoing_email_id outgoing_emails.id' is not");
    }

    @Test
    void badUnitOnAFlagIsExit2NamingTheFlag() throws IOException {
        Path file = write(VALID);
        assertUsageErrorStartingWith(CliRunner.run("run", "--config", file.toString(), "--db-url", NO_SERVER,
                "--max-runtime", "10parsecs"), "--max-runtime: ");
    }

    @Test
    void aTimeoutPostgresqlCannotHoldIsExit2NamingTheFlag() throws IOException {
        Path file = write(VALID);
        assertUsageError(CliRunner.run("run", "--config", file.toString(), "--db-url", NO_SERVER,
                "--statement-timeout", "25d"),
                "--statement-timeout: '25d' is more than 24d20h31m23s647ms, the most PostgreSQL accepts");
    }

    @Test
    void badUnitInTheFileIsExit2NamingKeyAndLine() throws IOException {
        Path file = write(VALID + "run:\n  target_batch_time: fast\n");
        assertUsageErrorStartingWith(CliRunner.run("run", "--config", file.toString(), "--db-url", NO_SERVER),
                file + ":11: run.target_batch_time: 'fast' is not a duration");
    }

    @Test
    void missingDatabaseUrlIsExit2() throws IOException {
        Path file = write(VALID);
        CliResult result = CliRunner.run("run", "--config", file.toString());
        if (System.getenv("RETENTION_DB_URL") == null && System.getenv("DATABASE_URL") == null) {
            assertUsageError(result, "missing database URL: set --db-url, RETENTION_DB_URL or DATABASE_URL");
        }
    }

    @Test
    void unknownFlagIsExit2WithAHint() {
        CliResult result = CliRunner.run("run", "--batchsize", "5");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("retention-cleanup: Unknown options: '--batchsize'")
                .contains("Try 'retention-cleanup run --help'");
    }

    @Test
    void aPasswordFlagDoesNotExist() {
        assertThat(CliRunner.run("run", "--db-password", "secret").exitCode()).isEqualTo(2);
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("retention.yml");
        Files.writeString(file, yaml);
        return file;
    }

    private static void assertUsageError(CliResult result, String line) {
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().lines().toList()).isEqualTo(List.of("retention-cleanup: " + line));
    }

    private static void assertUsageErrorStartingWith(CliResult result, String prefix) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        List<String> lines = result.err().lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("retention-cleanup: " + prefix);
    }
}
