package dev.retentioncleanup.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PgBouncer (Debian's pgbouncer) in one pool mode on a free loopback port, in front of the test server.
 * scripts/test.sh installs it and exports RETENTION_TEST_PGBOUNCER; a developer run without it skips the tests
 * that need it. PgBouncer refuses to run as root, so as root it runs as postgres (or nobody) through its -u.
 */
public final class PgBouncers implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path dir;

    private PgBouncers(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** @param poolMode session, transaction or statement */
    public static PgBouncers start(TestDatabase db, String poolMode) throws Exception {
        Path binary = Daemons.find("RETENTION_TEST_PGBOUNCER", "pgbouncer");
        Assumptions.assumeTrue(binary != null, "no pgbouncer (apt-get install pgbouncer, or run scripts/test.sh)");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dir = Files.createTempDirectory("pgbouncer-" + poolMode);
        Path users = Files.writeString(dir.resolve("userlist.txt"), quote(db.user()) + " " + quote(db.password()) + "\n");
        Path ini = Files.writeString(dir.resolve("pgbouncer.ini"), """
                [databases]
                * = host=%s port=%d
                [pgbouncer]
                listen_addr = 127.0.0.1
                listen_port = %d
                unix_socket_dir =
                auth_type = trust
                auth_file = %s
                pool_mode = %s
                logfile =
                pidfile =
                """.formatted(db.host(), db.port(), port, users, poolMode));
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        String runAs = runAs();
        if (runAs != null) {
            UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(runAs);
            for (Path file : List.of(dir, users, ini)) {
                Files.setOwner(file, owner);
            }
            command.addAll(List.of("-u", runAs));
        }
        command.add(ini.toString());
        Path log = dir.resolve("pgbouncer.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PgBouncers bouncer = new PgBouncers(process, port, dir);
        bouncer.awaitReady(db, log);
        return bouncer;
    }

    /** The test database through this PgBouncer. */
    public String jdbcUrl(TestDatabase db) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + enc(db.databaseName()) + "?user=" + enc(db.user())
                + (db.password().isEmpty() ? "" : "&password=" + enc(db.password()));
    }

    private void awaitReady(TestDatabase db, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pgbouncer exited: " + Files.readString(log));
            }
            try (Connection c = DriverManager.getConnection(jdbcUrl(db))) {
                c.createStatement().execute("SELECT 1");
                return;
            } catch (SQLException notYet) {
                last = notYet;
            }
            Thread.sleep(50);
        }
        close();
        throw new IllegalStateException("pgbouncer not ready on port " + port + ": " + last + "\n" + Files.readString(log));
    }

    /** Root cannot run it: the postgres user where there is one, else nobody; null when not root. */
    private static String runAs() throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return null;
        }
        return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith("postgres:"))
                ? "postgres" : "nobody";
    }

    /** userlist.txt quoting: double quotes, a quote inside doubled. */
    private static String quote(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        Daemons.stop(process);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }
}
