package dev.retentioncleanup.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;

/**
 * Runs the tool in-process as a user would (through its command line), under the scenario's JVM default time
 * zone, restored afterwards; keeps the command lines for the reproduction.
 */
final class ToolRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String jdbcUrl;
    private final Path dir;
    private final Scenario scenario;
    private final Path config;
    private final List<String> commands = new ArrayList<>();
    private int reports;

    ToolRunner(String jdbcUrl, Path dir, Scenario scenario, Path config) {
        this.jdbcUrl = jdbcUrl;
        this.dir = dir;
        this.scenario = scenario;
        this.config = config;
    }

    /** What one invocation gave; {@code report} is null when none was written (check, or a config error). */
    record Result(List<String> args, CliResult cli, JsonNode report) {
        int exitCode() {
            return cli.exitCode();
        }

        String describe() {
            return String.join(" ", args) + "\n  exit " + cli.exitCode() + "\n  stdout: " + cli.out().strip()
                    + "\n  stderr: " + cli.err().strip() + (report == null ? "" : "\n  report: " + report);
        }
    }

    Result check() {
        return invoke(new ArrayList<>(List.of("check", "--config", config.toString(), "--db-url", jdbcUrl)), null);
    }

    /** {@code run} with the flags, plus {@code --time-zone} when the scenario passes one. */
    Result run(String... flags) {
        Path report = dir.resolve("report-" + (++reports) + ".json");
        List<String> args = new ArrayList<>(List.of("run", "--config", config.toString(), "--db-url", jdbcUrl,
                "--report", report.toString(), "-q"));
        if (scenario.flagZone() != null) {
            args.addAll(List.of("--time-zone", scenario.flagZone()));
        }
        args.addAll(List.of(flags));
        return invoke(args, report);
    }

    /** {@code restore} of one archived run, whole. */
    Result restore(Path archive, String runId) {
        return invoke(new ArrayList<>(List.of("restore", "--config", config.toString(), "--db-url", jdbcUrl,
                "--archive-dir", archive.toString(), "--run-id", runId)), null);
    }

    Result verifyArchive(Path archive) {
        return invoke(new ArrayList<>(List.of("verify-archive", "--archive-dir", archive.toString())), null);
    }

    List<String> commands() {
        return commands;
    }

    private Result invoke(List<String> args, Path report) {
        // As the reproduction directory has them: the config beside the README, the database in $DB_URL.
        commands.add(String.join(" ", args.stream().map(a -> a.equals(jdbcUrl) ? "\"$DB_URL\""
                : a.equals(config.toString()) ? "retention.yml"
                : report != null && a.equals(report.toString()) ? report.getFileName().toString() : a).toList()));
        TimeZone saved = TimeZone.getDefault();
        CliResult cli;
        try {
            // pgjdbc sends the JVM's zone as the session TimeZone: the shape the contract says must not matter.
            TimeZone.setDefault(TimeZone.getTimeZone(scenario.jvmZone()));
            cli = CliRunner.run(args.toArray(String[]::new));
        } finally {
            TimeZone.setDefault(saved);
        }
        return new Result(args, cli, report != null && Files.exists(report) ? read(report) : null);
    }

    private static JsonNode read(Path report) {
        try {
            return JSON.readTree(report.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
