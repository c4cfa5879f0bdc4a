package dev.retentioncleanup.execute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shards of an Indexed Job run in parallel: a shard's lock must not make the other shards skip (exit 4). An
 * unsharded run of the same config deletes every shard's tenants, so it and the shards exclude each other.
 */
@ExtendWith(FreshDatabaseExtension.class)
class ShardLockIT {
    private static final String CONFIG = Path.of("examples/retention.yml").toAbsolutePath().toString();

    @BeforeAll
    static void schema(TestDatabase db) {
        db.runScript(Path.of("sql/example/schema.sql"));
        db.execute("INSERT INTO organizations (id, name, retention_days) VALUES (1, 'a', 30), (2, 'b', 30)");
    }

    @Test
    void a_shard_holding_its_lock_blocks_only_itself(TestDatabase db) throws Exception {
        List<String> identity = List.of("public.organizations", "public.outgoing_emails");
        try (Connection holder = db.connect();
                PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, AdvisoryLock.keyFor(List.of(identity.get(0), identity.get(1), "shard 0/2")));
            lock.execute();

            CliResult other = CliRunner.run("run", "--config", CONFIG, "--db-url", db.jdbcUrl(), "--shard", "1/2");
            CliResult same = CliRunner.run("run", "--config", CONFIG, "--db-url", db.jdbcUrl(), "--shard", "0/2");

            assertThat(other.exitCode()).as(other.err()).isZero();
            assertThat(same.exitCode()).as(same.err()).isEqualTo(4);
        }
        try (Connection holder = db.connect();
                PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, AdvisoryLock.keyFor(identity)); // an unsharded run keeps its key
            lock.execute();
            assertThat(CliRunner.run("run", "--config", CONFIG, "--db-url", db.jdbcUrl()).exitCode()).isEqualTo(4);
        }
    }

    /**
     * Real runs, held up after taking their locks: the first ones wait to read the policies while a test session
     * holds the policy table locked, so they hold their advisory locks as long as the test needs.
     */
    @Test
    void running_shards_keep_an_unsharded_run_out(TestDatabase db, @TempDir Path dir) throws Exception {
        try (Connection blocker = db.connect()) {
            lockPolicyTable(blocker);
            Process zero = start(db, dir, "zero", "--shard", "0/2");
            Process one = start(db, dir, "one", "--shard", "1/2");
            awaitLockHolders(db, 2);

            CliResult whole = run(db, dir, "whole");

            assertThat(whole.exitCode()).as(whole.err()).isEqualTo(4);
            assertThat(stopReason(dir, "whole")).isEqualTo("another run holds the lock for this config: another"
                    + " unsharded run, or a --shard run of it");
            blocker.rollback();
            assertThat(exitCode(zero)).isZero();
            assertThat(exitCode(one)).isZero();
        }
        assertThat(run(db, dir, "after").exitCode()).as("the shards let go of the config's key").isZero();
    }

    @Test
    void a_running_unsharded_run_keeps_every_shard_out(TestDatabase db, @TempDir Path dir) throws Exception {
        try (Connection blocker = db.connect()) {
            lockPolicyTable(blocker);
            Process whole = start(db, dir, "whole");
            awaitLockHolders(db, 1);

            CliResult zero = run(db, dir, "zero", "--shard", "0/2");
            CliResult one = run(db, dir, "one", "--shard", "1/2");

            assertThat(zero.exitCode()).as(zero.err()).isEqualTo(4);
            assertThat(one.exitCode()).as(one.err()).isEqualTo(4);
            assertThat(stopReason(dir, "zero")).isEqualTo("another run holds the lock for this config: an unsharded"
                    + " run, which deletes shard 0/2's tenants too");
            blocker.rollback();
            assertThat(exitCode(whole)).isZero();
        }
        // a shard that was refused released what it had taken: both shards run now, side by side
        assertThat(run(db, dir, "zero-after", "--shard", "0/2").exitCode()).isZero();
        assertThat(run(db, dir, "one-after", "--shard", "1/2").exitCode()).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")).isZero();
    }

    private static void lockPolicyTable(Connection blocker) throws Exception {
        blocker.setAutoCommit(false);
        try (PreparedStatement lock = blocker.prepareStatement("LOCK TABLE organizations IN ACCESS EXCLUSIVE MODE")) {
            lock.execute();
        }
    }

    private static List<String> args(TestDatabase db, Path dir, String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--config", CONFIG, "--db-url", db.jdbcUrl(),
                "--report", dir.resolve(name + ".json").toString(), "--lock-timeout", "2m"));
        args.addAll(List.of(extra));
        return args;
    }

    private static Process start(TestDatabase db, Path dir, String name, String... extra) {
        return CliRunner.start(List.of(), Map.of(), dir.resolve(name + ".out"), dir.resolve(name + ".err"),
                args(db, dir, name, extra).toArray(String[]::new));
    }

    private static CliResult run(TestDatabase db, Path dir, String name, String... extra) {
        return CliRunner.run(args(db, dir, name, extra).toArray(String[]::new));
    }

    /** Runs of this tool that hold their advisory locks and wait for the policy table. */
    private static void awaitLockHolders(TestDatabase db, int runs) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (db.queryLong("SELECT count(DISTINCT l.pid) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = 'retention-cleanup'"
                + " AND a.wait_event_type = 'Lock'") < runs) {
            assertThat(System.nanoTime()).as("%d runs holding their locks within 60s", runs).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static int exitCode(Process process) throws InterruptedException {
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the held-up run ends once the table is free").isTrue();
        return process.exitValue();
    }

    private static String stopReason(Path dir, String name) throws Exception {
        return new ObjectMapper().readTree(Files.readString(dir.resolve(name + ".json"))).get("stop_reason").asText();
    }
}
