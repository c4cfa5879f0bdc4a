package dev.retentioncleanup.archive;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for the tests: S3Proxy (jar-with-dependencies, copied to target/ by the build and
 * named by the {@code s3proxy.jar} property) in a child JVM, storing objects in a temporary directory, checking
 * AWS signatures (v2 and v4) against one identity.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String IDENTITY = "archive-it-identity";
    public static final String CREDENTIAL = "archive-it-secret-do-not-print";

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private S3ProxyServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    public static S3ProxyServer start(Path dir) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("s3proxy.jar", "target/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no S3Proxy at " + jar.toAbsolutePath() + ": run mvn verify (its"
                    + " pre-integration-test phase copies it there)");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Path properties = Files.writeString(dir.resolve("s3proxy.properties"), String.join("\n",
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + IDENTITY,
                "s3proxy.credential=" + CREDENTIAL,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + Files.createDirectories(dir.resolve("data")),
                ""));
        Path log = dir.resolve("s3proxy.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toAbsolutePath().toString(), "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3ProxyServer server = new S3ProxyServer(process, endpoint, log);
        server.awaitPort(port, Duration.ofSeconds(60));
        return server;
    }

    private void awaitPort(int port, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    close();
                    throw new IllegalStateException("S3Proxy did not start on port " + port + ":\n"
                            + Files.readString(log), e);
                }
                Thread.sleep(100);
            }
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client of the test's own, to create buckets and look behind the store's back. */
    S3Client client(String identity, String credential) {
        return S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(identity, credential)))
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .build();
    }

    public S3Client client() {
        return client(IDENTITY, CREDENTIAL);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
