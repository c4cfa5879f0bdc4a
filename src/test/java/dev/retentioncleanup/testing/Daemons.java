package dev.retentioncleanup.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Real servers the tests start as child processes (Pushgateway, PgBouncer): finding the binary, stopping it. */
public final class Daemons {
    private Daemons() {
    }

    /**
     * The binary named by {@code envVariable} (scripts/test.sh exports it after installing the package), else
     * {@code name} in /usr/sbin, /usr/bin or on the PATH (Debian puts some daemons in /usr/sbin, which a normal
     * user's PATH may lack); null when there is none.
     */
    public static Path find(String envVariable, String name) {
        String configured = System.getenv(envVariable);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Stream.concat(Stream.of("/usr/sbin", "/usr/bin"),
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(":")))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst()
                .orElse(null);
    }

    /** SIGTERM, then SIGKILL if it is still there after 10 seconds. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
