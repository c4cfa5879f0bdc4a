package dev.retentioncleanup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that cannot be reached: one line naming host, port, database and the reason; exit 1; no stack trace. */
class UnreachableServerIT {
    @TempDir
    Path dir;

    @Test
    void refusedConnectionIsOneLineAndExit1() throws IOException {
        int port = freePort();
        Path config = dir.resolve("retention.yml");
        Files.writeString(config, """
                policy: {table: organizations, key: id, retention_days: retention_days}
                targets:
                  - {table: outgoing_emails, key: id, timestamp: created_at, tenant: [organization_id -> organizations.id]}
                """);

        CliResult result = CliRunner.runJar(Duration.ofSeconds(60), List.of(), Map.of(),
                "run", "--config", config.toString(), "--db-url", "postgres://alice@127.0.0.1:" + port + "/app");

        assertThat(result.exitCode()).isEqualTo(1);
        List<String> lines = result.err().lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("failed: cannot connect to PostgreSQL at 127.0.0.1:" + port + "/app as alice: ")
                .contains("refused");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
