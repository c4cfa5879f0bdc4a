package dev.retentioncleanup.observe;

import dev.retentioncleanup.testing.Daemons;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus Pushgateway (Debian's prometheus-pushgateway) on a free loopback port. scripts/test.sh installs
 * it and exports RETENTION_TEST_PUSHGATEWAY; a developer run without it skips the tests that need it.
 */
final class Pushgateways implements AutoCloseable {
    private final Process process;
    private final String url;

    private Pushgateways(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    static Pushgateways start() throws Exception {
        Path binary = Daemons.find("RETENTION_TEST_PUSHGATEWAY", "prometheus-pushgateway");
        Assumptions.assumeTrue(binary != null,
                "no prometheus-pushgateway (apt-get install prometheus-pushgateway, or run scripts/test.sh)");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        Path log = Files.createTempFile("pushgateway", ".log");
        Process process = new ProcessBuilder(binary.toString(), "--web.listen-address=127.0.0.1:" + port,
                "--persistence.file=") // in memory: Debian's default file would carry pushes across tests
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Pushgateways gateway = new Pushgateways(process, url);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pushgateway exited: " + Files.readString(log));
            }
            try {
                if (gateway.get("/-/ready").statusCode() == 200) {
                    return gateway;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(50);
        }
        gateway.close();
        throw new IllegalStateException("pushgateway not ready on " + url + ": " + Files.readString(log));
    }

    String url() {
        return url;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What Prometheus would scrape from the gateway. */
    PromText metrics() {
        try {
            return PromText.parse(get("/metrics").body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        Daemons.stop(process);
    }
}
