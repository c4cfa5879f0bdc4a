package dev.retentioncleanup.guard;

import static dev.retentioncleanup.guard.GuardFixture.assertKeptAndNoOrphans;
import static dev.retentioncleanup.guard.GuardFixture.oldLeft;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retentioncleanup.testing.CliResult;
import dev.retentioncleanup.testing.CliRunner;
import dev.retentioncleanup.testing.FreshDatabaseExtension;
import dev.retentioncleanup.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards against a throwaway cluster this test controls (scripts/test-db.sh, RETENTION_TESTDB_DIR; the test
 * server must be that cluster): its archiver, its replication slots, its WAL. Skipped without it, because
 * stalling the archiver or holding WAL with a slot must never happen on a shared server.
 */
@ExtendWith(FreshDatabaseExtension.class)
class GuardsClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEGMENT = 16L * 1024 * 1024;

    @TempDir
    Path dir;
    private TestDatabase db;
    private Path config;

    @BeforeEach
    void setUp(TestDatabase db) throws Exception {
        Assumptions.assumeTrue(GuardFixture.testDbDir() != null,
                "needs a cluster of its own: RETENTION_TESTDB_DIR (scripts/test-db.sh)");
        this.db = db;
        this.config = GuardFixture.config(dir);
    }

    private CliResult run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--config", config.toString(), "--db-url", db.jdbcUrl(),
                "--report", dir.resolve("report.json").toString()));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    private JsonNode report() throws Exception {
        return JSON.readTree(Files.readString(dir.resolve("report.json")));
    }

    private long lsn() {
        return db.queryLong("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
    }

    /**
     * With a reading before every batch ("0"), and with one reused for an hour: the WAL the run writes meanwhile is
     * added to the reading, so the run still pauses, and stops, within one batch of the limit (before, the hour-long
     * one deleted on, blind, until it was done).
     */
    @ParameterizedTest(name = "--guard-interval {0}")
    @ValueSource(strings = {"0", "1h"})
    void stalledArchiverPausesThenStopsWithinOneBatchOfTheLimitAndAReRunCompletesAfterUnstalling(String guardInterval)
            throws Exception {
        GuardFixture.create(db, 20_000);
        db.execute("CHECKPOINT"); // full-page images: every batch writes real WAL
        long before = oldLeft(db);
        GuardFixture.testDb("stall-archiver");
        try {
            db.execute("SELECT pg_switch_wal()"); // start on a fresh segment, with the archiver already failing
            long backlogAtStart = readyFiles();
            long limit = backlogAtStart + 1;
            CliResult stopped = run("--batch-size", "100", "--max-archive-backlog", Long.toString(limit),
                    "--guard-interval", guardInterval, "--guard-wait", "2s");
            assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(3);
            JsonNode report = report();
            assertThat(report.get("stop_reason").asText()).startsWith("guard archive_backlog: " + (limit + 1)
                    + " WAL files not yet archived, above --max-archive-backlog " + limit).contains("--guard-wait");
            assertThat(report.get("guard_events").findValuesAsText("action")).containsExactly("pause", "stop");
            long walBytes = report.get("wal_bytes").asLong();
            long batchWal = walBytes / Math.max(1, report.get("batches").asLong());
            assertThat(batchWal).as("one batch writes less than a segment").isLessThan(SEGMENT);
            // Overshoot in segments: the one the last batch completed. In bytes: the run wrote what fills the
            // segments up to one past the limit, plus at most the batch that crossed into it.
            assertThat(readyFiles()).isEqualTo(limit + 1);
            assertThat(walBytes).isGreaterThan((limit - backlogAtStart) * SEGMENT)
                    .isLessThanOrEqualTo((limit + 1 - backlogAtStart) * SEGMENT + batchWal);
            long left = oldLeft(db);
            assertThat(left).as("stopped, not completed").isLessThan(before).isPositive();
            assertThat(report.get("tables").get("public.events").asLong()).isEqualTo(before - left);
            assertKeptAndNoOrphans(db);
        } finally {
            GuardFixture.testDb("unstall-archiver");
        }
        GuardFixture.poll(java.time.Duration.ofSeconds(60), "the archiver to catch up", () -> readyFiles() == 0);
        CliResult rerun = run("--batch-size", "500", "--max-archive-backlog", "8", "--guard-wait", "2m");
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(oldLeft(db)).isZero();
        assertKeptAndNoOrphans(db);
    }

    private long readyFiles() {
        return db.queryLong("SELECT count(*) FROM pg_ls_archive_statusdir() WHERE name ~ '^[0-9A-F]{24}\\.ready$'");
    }

    /**
     * With a reading before every batch ("0"), and with one reused for an hour: the WAL the run writes meanwhile is
     * added to the slot's lag, so both stop within about a batch of the limit (before, the hour-long one ran on).
     */
    @ParameterizedTest(name = "--guard-interval {0}")
    @ValueSource(strings = {"0", "1h"})
    void anUnconsumedSlotStopsTheRunNearTheSlotLagLimit(String guardInterval) throws Exception {
        GuardFixture.create(db, 8_000);
        db.execute("CHECKPOINT");
        String slot = "rc_guard_" + Long.toHexString(System.nanoTime());
        db.execute("SELECT pg_create_physical_replication_slot('" + slot + "', true)");
        try {
            long limit = 8L * 1024 * 1024;
            CliResult stopped = run("--batch-size", "100", "--max-slot-lag", "8MiB", "--guard-interval", guardInterval,
                    "--guard-wait", "1s");
            assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(3);
            JsonNode report = report();
            assertThat(report.get("stop_reason").asText()).startsWith("guard slot_lag: replication slot " + slot
                    + " retains ").contains("above --max-slot-lag 8MiB");
            // The lag on which the guard first held the run back, not the slot's lag now: WAL the cluster writes
            // after that (autovacuum behind earlier tests' deletes, during --guard-wait) is not the run's.
            long lag = 0;
            for (JsonNode event : report.get("guard_events")) {
                if (event.get("guard").asText().equals("slot_lag") && lag == 0) {
                    lag = event.get("reading").asLong();
                }
            }
            long now = db.queryLong("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint"
                    + " FROM pg_replication_slots WHERE slot_name = '" + slot + "'");
            long batchWal = report.get("wal_bytes").asLong() / Math.max(1, report.get("batches").asLong());
            assertThat(lag).isGreaterThan(limit).isLessThanOrEqualTo(limit + 2 * batchWal + 256 * 1024)
                    .isLessThanOrEqualTo(now);
            assertThat(oldLeft(db)).isPositive();
            assertKeptAndNoOrphans(db);
        } finally {
            db.execute("SELECT pg_drop_replication_slot('" + slot + "')");
        }
    }

    @Test
    void walRateStaysUnderTheLimitOverAMultiSecondRun() throws Exception {
        GuardFixture.create(db, 6_000);
        db.execute("CHECKPOINT");
        long limit = 2_000_000; // 2MB/s
        long startLsn = lsn();
        long started = System.nanoTime();
        CliResult done = run("--batch-size", "100", "--max-wal-rate", "2MB/s");
        double seconds = (System.nanoTime() - started) / 1e9;
        long wal = lsn() - startLsn;
        assertThat(done.exitCode()).as(done.err()).isZero();
        assertThat(oldLeft(db)).isZero();
        assertKeptAndNoOrphans(db);
        assertThat(wal).as("enough WAL for a multi-second run at the limit").isGreaterThan(3 * limit);
        assertThat(wal / seconds).as("measured WAL rate, bytes/s (%d bytes in %.1fs)", wal, seconds)
                .isLessThanOrEqualTo(limit * 1.10);
        assertThat(report().get("guard_events").findValuesAsText("guard")).contains("wal_rate");
    }

    @Test
    void walSizeTripsJustAboveTheCurrentSize() throws Exception {
        GuardFixture.create(db, 8_000);
        db.execute("CHECKPOINT");
        useUpRecycledSegments();
        long current = db.queryLong("SELECT sum(size)::bigint FROM pg_ls_waldir()");
        CliResult stopped = run("--batch-size", "100", "--max-wal-size", Long.toString(current + 1),
                "--guard-interval", "0", "--guard-wait", "1s");
        assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(3);
        assertThat(report().get("stop_reason").asText()).startsWith("guard wal_size: pg_wal holds ")
                .contains("above --max-wal-size");
        assertThat(oldLeft(db)).isPositive();
        assertKeptAndNoOrphans(db);
    }

    @Test
    void databaseSizeTripsJustAboveTheCurrentSize() throws Exception {
        GuardFixture.create(db, 8_000);
        db.execute("CHECKPOINT");
        useUpRecycledSegments();
        long current = db.queryLong("SELECT pg_database_size(current_database()) + (SELECT sum(size) FROM pg_ls_waldir())");
        CliResult stopped = run("--batch-size", "100", "--max-database-size", Long.toString(current + 1),
                "--guard-interval", "0", "--guard-wait", "1s");
        assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(3);
        assertThat(report().get("stop_reason").asText()).startsWith("guard database_size: database ")
                .contains("above --max-database-size");
        assertThat(oldLeft(db)).isPositive();
        assertKeptAndNoOrphans(db);
    }

    /**
     * Checkpoints rename old segments into future ones, so pg_wal need not grow while WAL is written. Switching
     * until the current segment is the newest file makes the next segment a new file, so pg_wal grows.
     */
    private void useUpRecycledSegments() {
        for (int i = 0; i < 200 && db.queryLong("SELECT count(*) FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{24}$'"
                + " AND name > pg_walfile_name(pg_current_wal_lsn())") > 0; i++) {
            db.execute("CREATE TABLE IF NOT EXISTS rc_switch (x int); INSERT INTO rc_switch VALUES (1);"
                    + " SELECT pg_switch_wal()");
        }
    }
}
