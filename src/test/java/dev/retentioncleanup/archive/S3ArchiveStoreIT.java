package dev.retentioncleanup.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retentioncleanup.config.S3Location;
import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.url.HttpUrl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The store contract and verify-archive against a real S3-compatible server (S3Proxy). The store under test finds
 * its credentials the way users' do, through the SDK's default chain: here the {@code aws.*} system properties
 * (in-process) or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (the shaded jar in its own JVM).
 */
class S3ArchiveStoreIT extends ArchiveStoreContract {
    private static final String BUCKET = "archive-it";
    private static final String RUN = "20261202T122553Z-3f9a0c";

    @TempDir
    static Path serverDir;

    private static S3ProxyServer server;
    private static S3Client admin;

    private S3ArchiveStore store;

    @BeforeAll
    static void startServer() throws IOException, InterruptedException {
        server = S3ProxyServer.start(serverDir);
        admin = server.client();
        admin.createBucket(b -> b.bucket(BUCKET));
        System.setProperty("aws.accessKeyId", S3ProxyServer.IDENTITY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.CREDENTIAL);
        System.setProperty("aws.region", "us-east-1");
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        List.of("aws.accessKeyId", "aws.secretAccessKey", "aws.region").forEach(System::clearProperty);
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static HttpUrl endpoint() {
        return HttpUrl.parse(server.endpoint().toString());
    }

    /** A store under a prefix of its own in the shared bucket, so that each test starts empty. */
    @Override
    ArchiveStore store() {
        if (store == null) {
            try {
                store = S3ArchiveStore.create(new S3Location(BUCKET, "team/" + UUID.randomUUID()), endpoint());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return store;
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void keysLiveUnderThePrefix() throws IOException {
        S3Location location = new S3Location(BUCKET, "keys/" + UUID.randomUUID());
        try (S3ArchiveStore prefixed = S3ArchiveStore.create(location, endpoint())) {
            prefixed.put(RUN + "/manifest.json", Files.writeString(scratch.resolve("m"), "{}"));
            assertThat(prefixed.location()).isEqualTo("s3://" + BUCKET + "/" + location.prefix());
            assertThat(admin.listObjectsV2(b -> b.bucket(BUCKET).prefix(location.prefix())).contents())
                    .extracting(o -> o.key()).containsExactly(location.prefix() + "/" + RUN + "/manifest.json");
        }
    }

    @Test
    void aStoreAtTheBucketRoot() throws IOException {
        String bucket = "root-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createBucket(b -> b.bucket(bucket));
        try (S3ArchiveStore root = S3ArchiveStore.create(new S3Location(bucket, ""), endpoint())) {
            root.put("r/manifest.json", Files.writeString(scratch.resolve("m"), "{}"));
            assertThat(root.list("")).containsExactly("r/manifest.json");
            assertThat(root.location()).isEqualTo("s3://" + bucket);
            try (InputStream in = root.open("r/manifest.json")) {
                assertThat(in.readAllBytes()).isEqualTo("{}".getBytes());
            }
        }
    }

    @Test
    void aMissingBucketIsNamed() throws IOException {
        try (S3ArchiveStore missing = S3ArchiveStore.create(new S3Location("no-such-bucket", "x"), endpoint())) {
            assertThatThrownBy(missing::checkWritable).isInstanceOf(IOException.class)
                    .hasMessage("bucket no-such-bucket does not exist (s3://no-such-bucket/x)");
            assertThatThrownBy(missing::checkReadable)
                    .hasMessage("bucket no-such-bucket does not exist (s3://no-such-bucket/x)");
        }
    }

    @Test
    void wrongCredentialsGiveOneLineWithoutTheSecret() {
        S3Location location = new S3Location(BUCKET, "denied");
        String secret = "wrong-secret-" + UUID.randomUUID();
        try (S3ArchiveStore denied = new S3ArchiveStore(server.client("someone-else", secret), location)) {
            assertThatThrownBy(() -> denied.put("r/manifest.json", Files.writeString(scratch.resolve("m"), "{}")))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot upload " + scratch.resolve("m") + " to s3://" + BUCKET
                            + "/denied/r/manifest.json: HTTP 403 ")
                    .message().doesNotContain(secret).doesNotContain("\n");
        }
    }

    /** An archive of one run, written through an S3 store as a run would. */
    private String archiveOneRun() throws IOException {
        String prefix = "cli/" + UUID.randomUUID();
        try (S3ArchiveStore s3 = S3ArchiveStore.create(new S3Location(BUCKET, prefix), endpoint())) {
            ArchiveFixture fixture = new ArchiveFixture(s3, scratch);
            fixture.manifest(RUN, List.of(fixture.dataFile(RUN, 1, "public", "emails", "id,body\n1,\"a\nb\"\n2,c\n",
                    2), fixture.dataFile(RUN, 2, "public", "emails", "id,body\n3,d\n", 1)));
        }
        return "s3://" + BUCKET + "/" + prefix;
    }

    @Test
    void verifyArchiveReadsS3() throws IOException {
        String url = archiveOneRun();
        CliResult sound = CliRunner.run("verify-archive", "--archive-url", url, "--archive-endpoint",
                server.endpoint().toString());
        assertThat(sound.exitCode()).as(sound.err()).isZero();
        assertThat(sound.out()).matches("verify-archive: 1 run\\(s\\), 2 file\\(s\\), 3 row\\(s\\), \\d+ byte\\(s\\)"
                + " checked; 0 problem\\(s\\)\n");

        String prefix = url.substring(("s3://" + BUCKET + "/").length());
        admin.putObject(b -> b.bucket(BUCKET).key(prefix + "/" + RUN + "/000003/public.emails.csv.gz"),
                RequestBody.fromString("not committed"));
        admin.deleteObject(b -> b.bucket(BUCKET).key(prefix + "/" + RUN + "/000002/public.emails.csv.gz"));
        CliResult broken = CliRunner.run("verify-archive", "--archive-url", url, "--archive-endpoint",
                server.endpoint().toString());
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.out().lines()).containsExactly(
                RUN + "/000002/public.emails.csv.gz: missing file: the manifest lists it (1 rows of public.emails)"
                        + " but the archive has no such file",
                RUN + "/000003/public.emails.csv.gz: uncommitted leftover: not in the manifest: in doubt: written by"
                        + " a batch that did not commit, or not yet reconciled; the next run reconciles it",
                broken.out().lines().toList().get(2));
        assertThat(broken.out()).contains("verify-archive: 1 run(s), 1 file(s), 2 row(s), ");
    }

    @Test
    void verifyArchiveOfAMissingBucketIsAUsageError() {
        CliResult result = CliRunner.run("verify-archive", "--archive-url", "s3://no-such-bucket/p",
                "--archive-endpoint", server.endpoint().toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("retention-cleanup: --archive-url: bucket no-such-bucket does not exist"
                + " (s3://no-such-bucket/p)\n");
    }

    @Test
    void theShadedJarVerifiesWithCredentialsFromTheEnvironment() throws IOException {
        String url = archiveOneRun();
        // No region anywhere in the child (unless this machine's environment sets one): us-east-1 for an endpoint.
        CliResult result = CliRunner.runJar(Duration.ofSeconds(60), List.of(), Map.of(
                "AWS_ACCESS_KEY_ID", S3ProxyServer.IDENTITY,
                "AWS_SECRET_ACCESS_KEY", S3ProxyServer.CREDENTIAL,
                "AWS_CONFIG_FILE", scratch.resolve("no-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", scratch.resolve("no-credentials").toString()),
                "verify-archive", "--archive-url", url, "--archive-endpoint", server.endpoint().toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("verify-archive: 1 run(s), 2 file(s), 3 row(s), ");
        assertThat(result.err()).doesNotContain(S3ProxyServer.CREDENTIAL);
    }
}
