package dev.retentioncleanup.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.archive.S3ProxyServer;
import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archiving to S3 (a real S3-compatible server, S3Proxy, in a child JVM; the AWS SDK as the client): a run,
 * verify-archive and restore through S3; a missing bucket; the server going away mid-run.
 */
@ExtendWith(FreshDatabaseExtension.class)
class ArchiveS3IT {
    private static final String BUCKET = "retention-it";

    @TempDir
    static Path serverDir;
    private static S3ProxyServer server;

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.start(serverDir);
        try (var admin = server.client()) {
            admin.createBucket(b -> b.bucket(BUCKET));
        }
        // The SDK's default chain, as in production; in-process runs read them from system properties.
        System.setProperty("aws.accessKeyId", S3ProxyServer.IDENTITY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.CREDENTIAL);
        System.setProperty("aws.region", "us-east-1");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        server.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.clearProperty("aws.region");
    }

    @BeforeEach
    void load(TestDatabase db) {
        ExampleFixture.load(db);
    }

    private static String[] s3(S3ProxyServer on, String prefix, String... more) {
        List<String> args = new ArrayList<>(List.of("--archive-url", "s3://" + BUCKET + "/" + prefix,
                "--archive-endpoint", on.endpoint().toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void a_run_archives_to_s3_verifies_and_restores_to_the_rows_before_it(TestDatabase db, @TempDir Path dir) {
        Map<String, List<String>> before = ArchiveRunIT.rows(db, "");
        Path config = Runs.config(dir, ExampleFixture.config(""));

        Runs.Outcome run = Runs.run(db, dir, config, s3(server, "whole", "--batch-size", "5"));

        assertThat(run.exitCode()).as(run.describe()).isZero();
        ExampleFixture.assertState(db, ExampleSchemaIT.GONE);
        assertThat(run.report().field("archive").get("location").asText()).isEqualTo("s3://" + BUCKET + "/whole");
        assertThat(run.report().field("archive").get("rows").asLong()).isEqualTo(192);
        assertThat(run.cli().err() + run.cli().out()).doesNotContain(S3ProxyServer.CREDENTIAL);
        CliResult verify = CliRunner.run(s3withCommand("verify-archive", server, "whole"));
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("1 run(s)", "192 row(s)", "0 problem(s)");

        List<String> restore = new ArrayList<>(List.of(s3withCommand("restore", server, "whole")));
        restore.addAll(List.of("--config", config.toString(), "--db-url", db.jdbcUrl(), "--run-id",
                run.report().field("run_id").asText()));
        CliResult restored = CliRunner.run(restore.toArray(String[]::new));
        assertThat(restored.exitCode()).as(restored.out() + restored.err()).isZero();
        Map<String, List<String>> now = ArchiveRunIT.rows(db, "");
        for (String table : ArchiveRunIT.GRAPH) {
            assertThat(now.get(table)).as("rows of %s", table).containsExactlyInAnyOrderElementsOf(before.get(table));
        }
    }

    @Test
    void a_missing_bucket_exits_2_before_anything_is_deleted(TestDatabase db, @TempDir Path dir) {
        Map<String, List<String>> before = ArchiveRunIT.rows(db, "");
        Path config = Runs.config(dir, ExampleFixture.config(""));

        Runs.Outcome run = Runs.run(db, dir, config, "--archive-url", "s3://no-such-bucket/x", "--archive-endpoint",
                server.endpoint().toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.cli().err()).contains("--archive-url s3://no-such-bucket/x", "bucket no-such-bucket does not exist");
        assertThat(ArchiveRunIT.rows(db, "")).isEqualTo(before);
    }

    @Test
    void the_store_going_away_mid_run_rolls_the_batch_back_and_a_later_run_reconciles_and_finishes(TestDatabase db,
            @TempDir Path dir) throws Exception {
        Path config = Runs.config(dir, ExampleFixture.config(""));
        Path ownDir = Files.createDirectories(dir.resolve("s3"));
        S3ProxyServer own = S3ProxyServer.start(ownDir);
        try (var admin = own.client()) {
            admin.createBucket(b -> b.bucket(BUCKET));
        }
        long emails = db.queryLong("SELECT count(*) FROM outgoing_emails");
        CompletableFuture<Runs.Outcome> running = CompletableFuture.supplyAsync(() -> Runs.run(db, dir, config,
                s3(own, "away", "--batch-size", "2", "--sleep", "400ms")));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (db.queryLong("SELECT count(*) FROM outgoing_emails") == emails && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        own.close(); // the store is gone: the next batch cannot upload its files
        Runs.Outcome failed = running.get(120, TimeUnit.SECONDS);

        assertThat(failed.exitCode()).as(failed.describe()).isEqualTo(1);
        assertThat(failed.report().field("stop_reason").asText()).contains("could not store the archive of",
                "none of its rows was deleted");
        long gone = emails - db.queryLong("SELECT count(*) FROM outgoing_emails");
        assertThat(gone).isPositive().isLessThan(12);
        assertThat(failed.report().tables().get("public.outgoing_emails")).isEqualTo(gone);

        try (S3ProxyServer back = S3ProxyServer.start(ownDir)) { // same objects, a new port
            Runs.Outcome rerun = Runs.run(db, dir, config, s3(back, "away"));
            assertThat(rerun.exitCode()).as(rerun.describe()).isZero();
            ExampleFixture.assertState(db, ExampleSchemaIT.GONE);
            CliResult verify = CliRunner.run(s3withCommand("verify-archive", back, "away"));
            assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
            // 192 rows: every deleted row once, across the failed run and the one that finished
            assertThat(verify.out()).contains("2 run(s)", "192 row(s)", "0 problem(s)");
        }
    }

    private static String[] s3withCommand(String command, S3ProxyServer on, String prefix) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of(s3(on, prefix)));
        return args.toArray(String[]::new);
    }
}
