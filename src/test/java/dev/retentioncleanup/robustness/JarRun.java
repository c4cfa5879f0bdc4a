package dev.retentioncleanup.robustness;

import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The shaded jar running in its own JVM in the background, so a test can act on the database (or kill it) meanwhile. */
final class JarRun implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;

    private JarRun(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static JarRun start(Path dir, List<String> jvmOptions, String... args) {
        Path out = dir.resolve("jar-" + System.nanoTime() + ".out");
        Path err = dir.resolve("jar-" + System.nanoTime() + ".err");
        return new JarRun(CliRunner.start(jvmOptions, Map.of(), out, err, args), out, err);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL on Linux: no shutdown hook, no rollback, no goodbye to the server. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the JVM did not die after SIGKILL");
        }
    }

    CliResult await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError("retention-cleanup did not finish within " + timeout + "; stderr:\n" + stderr());
        }
        return new CliResult(process.exitValue(), read(out), read(err));
    }

    String stderr() {
        return read(err);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test that failed half-way must not leave a JVM deleting rows behind it. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
