package dev.retentioncleanup.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partition removal against an application that holds a lock on the partitioned table: the removal waits at most
 * {@code --ddl-lock-timeout} per try, the application's other queries never queue behind it for much longer, and the
 * run still finishes with the rows; killed while waiting, it leaves the partition whole, and a re-run drops it.
 */
@ExtendWith(FreshDatabaseExtension.class)
class PartitionLockIT {
    /** 60 emails, one a day from 90 days ago, in a partition per 30 days; 10 days' retention: two partitions go. */
    @BeforeEach
    void load(TestDatabase db) {
        db.execute("""
                DROP SCHEMA public CASCADE;
                CREATE SCHEMA public;
                CREATE TABLE orgs (id int PRIMARY KEY, retention_days int);
                CREATE TABLE emails (id bigint, org_id int NOT NULL REFERENCES orgs, created_at timestamptz NOT NULL,
                                     PRIMARY KEY (id, created_at)) PARTITION BY RANGE (created_at);
                CREATE TABLE emails_old PARTITION OF emails FOR VALUES FROM (now() - interval '200 days')
                    TO (now() - interval '60 days');
                CREATE TABLE emails_mid PARTITION OF emails FOR VALUES FROM (now() - interval '60 days')
                    TO (now() - interval '30 days');
                CREATE TABLE emails_new PARTITION OF emails FOR VALUES FROM (now() - interval '30 days')
                    TO (now() + interval '30 days');
                INSERT INTO orgs VALUES (1, 10);
                INSERT INTO emails SELECT i, 1, now() - interval '90 days' + i * interval '1 day' - interval '1 hour'
                    FROM generate_series(1, 89) i;
                """);
    }

    private static String[] args(TestDatabase db, Path dir, String... flags) throws Exception {
        Path config = dir.resolve("retention.yml");
        Files.writeString(config, """
                policy: {table: orgs, key: id, retention_days: retention_days}
                targets:
                  - {table: emails, key: id, timestamp: created_at, tenant: [org_id -> orgs.id], partitions: drop}
                """, StandardCharsets.UTF_8);
        List<String> args = new java.util.ArrayList<>(List.of("run", "--config", config.toString(), "--db-url",
                db.jdbcUrl()));
        args.addAll(List.of(flags));
        return args.toArray(String[]::new);
    }

    @Test
    void a_held_lock_bounds_the_wait_and_the_rows_go_as_rows(TestDatabase db, @TempDir Path dir) throws Exception {
        AtomicLong slowestMillis = new AtomicLong();
        AtomicBoolean probing = new AtomicBoolean(true);
        CliResult run;
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.executeQuery("SELECT count(*) FROM emails").close(); // ACCESS SHARE on the parent and partitions
            }
            Thread prober = new Thread(() -> probe(db, probing, slowestMillis));
            prober.start();
            try (JarRun jar = JarRun.start(dir, List.of(), args(db, dir, "--ddl-lock-timeout", "300ms",
                    "--max-retries", "1"))) {
                run = jar.await(Duration.ofSeconds(120));
            }
            probing.set(false);
            prober.join();
            holder.rollback();
        }

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("kept partition public.emails_old for the row engine: its locks were not"
                + " granted within --ddl-lock-timeout 300ms in 2 tries");
        assertThat(partitions(db)).containsExactly("emails_mid", "emails_new", "emails_old");
        assertThat(db.queryLong("SELECT count(*) FROM emails")).as("every email older than 10 days went as a row")
                .isEqualTo(db.queryLong("SELECT count(*) FROM emails WHERE created_at >= now() - interval '10 days'"))
                .isBetween(9L, 11L);
        assertThat(slowestMillis.get()).as("the application's queries waited at most about one lock timeout")
                .isLessThan(1500);
    }

    @Test
    void killed_while_waiting_for_its_lock_leaves_the_partition_whole_and_a_rerun_drops_it(TestDatabase db,
            @TempDir Path dir) throws Exception {
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.executeQuery("SELECT count(*) FROM emails").close();
            }
            try (JarRun run = JarRun.start(dir, List.of(), args(db, dir, "--ddl-lock-timeout", "60s"))) {
                Poll.until(Duration.ofSeconds(60), "the removal waiting for its lock on emails",
                        () -> ToolSessions.waitingOnLock(db) == 1, () -> ToolSessions.describe(db) + "\n" + run.stderr());
                run.kill();
            }
            holder.rollback();
        }
        Poll.until(Duration.ofSeconds(30), "the server to end the killed run's sessions",
                () -> ToolSessions.count(db) == 0, () -> ToolSessions.describe(db));
        assertThat(partitions(db)).containsExactly("emails_mid", "emails_new", "emails_old");
        assertThat(db.queryLong("SELECT count(*) FROM emails")).as("nothing went").isEqualTo(89);

        CliResult rerun = CliRunner.run(args(db, dir));
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(partitions(db)).containsExactly("emails_new");
        assertThat(db.queryLong("SELECT count(*) FROM emails WHERE created_at < now() - interval '10 days'")).isZero();
    }

    /** Reads the table over and over from another session, recording the slowest answer. */
    private static void probe(TestDatabase db, AtomicBoolean probing, AtomicLong slowestMillis) {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            while (probing.get()) {
                long start = System.nanoTime();
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM emails WHERE created_at > now() - interval '1 day'")) {
                    rs.next();
                }
                slowestMillis.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
                Thread.sleep(20);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> partitions(TestDatabase db) {
        return db.queryRows("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = 'emails'::regclass ORDER BY 1").stream().map(r -> (String) r.get(0)).toList();
    }
}
