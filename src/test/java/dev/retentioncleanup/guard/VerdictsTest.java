package dev.retentioncleanup.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readings in, verdict out: every guard's boundary (at the limit proceeds, one over pauses). */
class VerdictsTest {
    private static final long SEGMENT = 16 * 1024 * 1024;

    @Test
    void walSizePausesOnlyAboveTheLimit() {
        WalSize guard = new WalSize(TestLimits.bytes(1000));
        assertThat(guard.verdict(new WalSize.Reading(1000)).proceeds()).isTrue();
        Verdict over = guard.verdict(new WalSize.Reading(1001));
        assertThat(over.pauses()).isTrue();
        assertThat(over.guard()).isEqualTo("wal_size");
        assertThat(over.reading()).isEqualTo(1001);
        assertThat(over.limit()).isEqualTo(1000);
        assertThat(over.why()).isEqualTo("pg_wal holds 1001 B, above --max-wal-size 1000 B");
    }

    @Test
    void databaseSizeCountsTheWalToo() {
        DatabaseSize guard = new DatabaseSize(TestLimits.bytes(10 * 1024 * 1024));
        assertThat(guard.verdict(new DatabaseSize.Reading(8 * 1024 * 1024, 2 * 1024 * 1024)).proceeds()).isTrue();
        Verdict over = guard.verdict(new DatabaseSize.Reading(8 * 1024 * 1024, 2 * 1024 * 1024 + 1));
        assertThat(over.pauses()).isTrue();
        assertThat(over.reading()).isEqualTo(10 * 1024 * 1024 + 1);
        assertThat(over.why()).startsWith("database 8.0 MiB + pg_wal 2.0 MiB = 10.0 MiB, above --max-database-size");
    }

    @Test
    void archiveBacklogSaysWhenItIsAnEstimate() {
        ArchiveBacklog guard = new ArchiveBacklog(TestLimits.count(8));
        assertThat(guard.verdict(new ArchiveBacklog.Reading(8, ArchiveBacklog.Source.STATUS_DIR, SEGMENT)).proceeds()).isTrue();
        assertThat(guard.verdict(new ArchiveBacklog.Reading(9, ArchiveBacklog.Source.STATUS_DIR, SEGMENT)).why())
                .isEqualTo("9 WAL files not yet archived, above --max-archive-backlog 8");
        assertThat(guard.verdict(new ArchiveBacklog.Reading(9, ArchiveBacklog.Source.ARCHIVER_STATS, SEGMENT)).why())
                .isEqualTo("9 WAL files not yet archived (estimated from pg_stat_archiver), above --max-archive-backlog 8");
        assertThat(new ArchiveBacklog(TestLimits.count(0)).verdict(new ArchiveBacklog.Reading(0, ArchiveBacklog.Source.ARCHIVING_OFF, SEGMENT))
                .proceeds()).isTrue();
    }

    @Test
    void archiveBacklogEstimateFromArchiverStatistics() {
        long seg16MB = 16 * 1024 * 1024;
        assertThat(ArchiveBacklog.segmentNumber("000000010000000000000003", seg16MB)).isEqualTo(3);
        // 256 segments of 16MB per 4GB "log id"
        assertThat(ArchiveBacklog.segmentNumber("0000000100000002000000FF", seg16MB)).isEqualTo(2 * 256 + 255);
        assertThat(ArchiveBacklog.segmentNumber("00000002.history", seg16MB)).isNull();
        assertThat(ArchiveBacklog.segmentNumber("000000010000000000000003.00000028.backup", seg16MB)).isEqualTo(3);
        // archived up to 3, writing 10: 4..9 wait
        assertThat(ArchiveBacklog.estimate("00000001000000000000000A", "000000010000000000000003", null, false, seg16MB))
                .isEqualTo(6);
        // the archiver fails on 5 and has not archived since: 5..9 wait, even though 3 was archived earlier
        assertThat(ArchiveBacklog.estimate("00000001000000000000000A", "000000010000000000000003",
                "000000010000000000000005", true, seg16MB)).isEqualTo(6);
        assertThat(ArchiveBacklog.estimate("00000001000000000000000A", null, "000000010000000000000005", true, seg16MB))
                .isEqualTo(5);
        // a failure that was followed by success does not count
        assertThat(ArchiveBacklog.estimate("00000001000000000000000A", "000000010000000000000009",
                "000000010000000000000005", false, seg16MB)).isEqualTo(0);
        assertThat(ArchiveBacklog.estimate("00000001000000000000000A", null, null, true, seg16MB)).isEqualTo(0);
        // across a log id boundary
        assertThat(ArchiveBacklog.estimate("000000010000000100000001", "0000000100000000000000FE", null, false, seg16MB))
                .isEqualTo(2);
    }

    @Test
    void slotLagNamesTheWorstSlotAndReportsLostOnes() {
        SlotLag guard = new SlotLag(TestLimits.bytes(1024 * 1024));
        SlotLag.Reading under = new SlotLag.Reading(List.of(new SlotLag.Slot("a", 1024L * 1024, "reserved"),
                new SlotLag.Slot("gone", null, "lost")));
        Verdict ok = guard.verdict(under);
        assertThat(ok.proceeds()).isTrue();
        assertThat(ok.reading()).isEqualTo(1024 * 1024);
        assertThat(ok.why()).isEqualTo("slots (gone is lost)");

        Verdict over = guard.verdict(new SlotLag.Reading(List.of(new SlotLag.Slot("a", 10L, "reserved"),
                new SlotLag.Slot("idle", 1024L * 1024 + 1, "unreserved"))));
        assertThat(over.pauses()).isTrue();
        assertThat(over.reading()).isEqualTo(1024 * 1024 + 1);
        assertThat(over.why()).isEqualTo(
                "replication slot idle retains 1.0 MiB of WAL, above --max-slot-lag 1.0 MiB (idle is unreserved)");
        assertThat(guard.verdict(new SlotLag.Reading(List.of())).proceeds()).isTrue();
    }

    @Test
    void replicationLagIsTheWorstStandby() {
        ReplicationLag guard = new ReplicationLag(TestLimits.duration(Duration.ofSeconds(30)));
        assertThat(guard.verdict(new ReplicationLag.Reading(List.of())).proceeds()).isTrue();
        assertThat(guard.verdict(new ReplicationLag.Reading(List.of(
                new ReplicationLag.Replica("r1", Duration.ofSeconds(30))))).proceeds()).isTrue();
        Verdict over = guard.verdict(new ReplicationLag.Reading(List.of(
                new ReplicationLag.Replica("r1", Duration.ofSeconds(1)),
                new ReplicationLag.Replica("r2", Duration.ofMillis(30_001)))));
        assertThat(over.pauses()).isTrue();
        assertThat(over.reading()).isEqualTo(30.001);
        assertThat(over.limit()).isEqualTo(30.0);
        assertThat(over.why()).isEqualTo("standby r2 replays 30.0s behind, above --max-replication-lag 30.0s");
    }

    @Test
    void pauseFilePausesWhileTheFileExists(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pause");
        PauseFile guard = new PauseFile(file);
        assertThat(guard.verdict(guard.read(null)).proceeds()).isTrue();
        Files.createFile(file);
        Verdict paused = guard.verdict(guard.read(null));
        assertThat(paused.pauses()).isTrue();
        assertThat(paused.why()).isEqualTo(file + " exists (--pause-file); remove it to resume");
        assertThat(guard.needsConnection()).isFalse();
    }

    @Test
    void pauseFileWhoseParentIsNotADirectoryFailsClosed(@TempDir Path dir) throws Exception {
        // ENOTDIR, which Files.exists reads as "no file": it bites as root too, unlike a permission
        Path file = Files.createFile(dir.resolve("regular")).resolve("pause");
        PauseFile guard = new PauseFile(file);
        assertThatThrownBy(() -> guard.read(null)).isInstanceOf(UnreadableSignalException.class)
                .hasMessage("--pause-file cannot tell whether " + file + " exists (Not a directory), so the brake may"
                        + " be on and the run stops; every part of the path before the file must be a directory this"
                        + " user can search");
        Guards guards = Guards.of(List.of(guard), Clock.systemUTC(), Duration.ofHours(1));
        Verdict verdict = guards.check(null).verdicts().get(0);
        assertThat(verdict.stops()).isTrue();
        assertThat(verdict.why()).startsWith("--pause-file cannot tell whether " + file + " exists");
        assertThat(guards.unreadable(null)).extracting(Guards.Problem::guard).containsExactly("pause_file");
    }

    @Test
    void pauseFileThatIsADanglingLinkPausesAndAMissingDirectoryIsNoFile(@TempDir Path dir) throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("pause"), dir.resolve("nowhere"));
        assertThat(new PauseFile(link).verdict(new PauseFile(link).read(null)).pauses()).isTrue();
        Path missing = dir.resolve("no-such-dir").resolve("pause");
        assertThat(new PauseFile(missing).verdict(new PauseFile(missing).read(null)).proceeds()).isTrue();
    }
}
