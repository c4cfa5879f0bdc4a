package dev.retentioncleanup.testing;

import dev.retentioncleanup.cli.Cli;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * Runs retention-cleanup the way users do: in-process through the real command line (fast, for exit
 * codes and database effects), or as the shaded jar in its own JVM (for signals, kill -9 and heap limits).
 */
public final class CliRunner {
    private CliRunner() {
    }

    /** In-process; captures what picocli and the commands print through the command line's writers. */
    public static CliResult run(String... args) {
        CommandLine commandLine = Cli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new CliResult(code, out.toString(), err.toString());
    }

    /** The shaded jar built by {@code mvn package}; failsafe passes its path as {@code retention.jar}. */
    public static Path jar() {
        String path = System.getProperty("retention.jar", "target/retention-cleanup.jar");
        Path jar = Path.of(path);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no jar at " + jar.toAbsolutePath() + ": run mvn package first");
        }
        return jar;
    }

    /** Starts the jar in its own JVM; stdout and stderr go to the given files. */
    public static Process start(List<String> jvmOptions, Map<String, String> env, Path stdout, Path stderr,
            String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toAbsolutePath().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("RETENTION_") && !k.startsWith("RETENTION_TEST"));
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the jar to completion (or kills it after {@code timeout} and fails). */
    public static CliResult runJar(Duration timeout, List<String> jvmOptions, Map<String, String> env, String... args) {
        try {
            File out = File.createTempFile("retention-out", ".txt");
            File err = File.createTempFile("retention-err", ".txt");
            Process process = start(jvmOptions, env, out.toPath(), err.toPath(), args);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("retention-cleanup did not finish within " + timeout + "; stderr:\n"
                        + Files.readString(err.toPath(), StandardCharsets.UTF_8));
            }
            CliResult result = new CliResult(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    Files.readString(err.toPath(), StandardCharsets.UTF_8));
            out.delete();
            err.delete();
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
