package dev.retentioncleanup.engine;

import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.Report;
import dev.retentioncleanup.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Writes configs and runs the CLI in-process against the test database. */
final class Runs {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Runs() {
    }

    static Path config(Path dir, String yaml) {
        Path file = dir.resolve("retention-" + SEQUENCE.incrementAndGet() + ".yml");
        try {
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** {@code run} with the given config and extra flags, writing the report to a fresh file in {@code dir}. */
    static Outcome run(TestDatabase db, Path dir, Path config, String... flags) {
        return run(db.jdbcUrl(), dir, config, flags);
    }

    static Outcome run(String dbUrl, Path dir, Path config, String... flags) {
        Path report = dir.resolve("report-" + SEQUENCE.incrementAndGet() + ".json");
        List<String> args = new ArrayList<>(List.of("run", "--config", config.toString(), "--db-url", dbUrl,
                "--report", report.toString()));
        args.addAll(List.of(flags));
        CliResult result = CliRunner.run(args.toArray(String[]::new));
        return new Outcome(result, Files.exists(report) ? Report.read(report) : null);
    }

    static Instant databaseNow(TestDatabase db) {
        long micros = db.queryLong("SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint");
        return Instant.EPOCH.plusNanos(micros * 1000);
    }

    /** What a run printed and the report it wrote (null if it wrote none). */
    record Outcome(CliResult cli, Report report) {
        int exitCode() {
            return cli.exitCode();
        }

        /** For assertion messages: everything that might explain a surprise. */
        String describe() {
            return "exit " + cli.exitCode() + "\nstdout:\n" + cli.out() + "\nstderr:\n" + cli.err() + "\nreport:\n" + report;
        }
    }
}
