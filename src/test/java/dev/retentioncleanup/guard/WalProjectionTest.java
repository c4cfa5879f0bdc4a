package dev.retentioncleanup.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Between two readings, the WAL written since is added to a reading of a signal that WAL grows, and the reading is
 * only reused while that projection stays within the limit: readings in, decisions out, no database.
 */
class WalProjectionTest {
    private static final long MIB = 1024 * 1024;
    private static final long SEGMENT = 16 * MIB;

    @Test
    void walWrittenCountsBytesAndTheSegmentBoundariesCrossed() {
        WalWritten inOne = new WalWritten(5 * SEGMENT + 10, 5 * SEGMENT + 1000);
        assertThat(inOne.bytes()).isEqualTo(990);
        assertThat(inOne.segmentsCompleted(SEGMENT)).isZero();
        // one byte across a boundary completes the segment before it
        assertThat(new WalWritten(6 * SEGMENT - 1, 6 * SEGMENT).segmentsCompleted(SEGMENT)).isEqualTo(1);
        // less than a segment's worth of bytes can still complete one; exactly two segments' worth completes two
        assertThat(new WalWritten(6 * SEGMENT - 100, 6 * SEGMENT + 100).segmentsCompleted(SEGMENT)).isEqualTo(1);
        assertThat(new WalWritten(6 * SEGMENT + 7, 8 * SEGMENT + 7).segmentsCompleted(SEGMENT)).isEqualTo(2);
        // a position that went back (another timeline, a bad read) adds nothing rather than taking away
        assertThat(new WalWritten(8 * SEGMENT, 6 * SEGMENT).bytes()).isZero();
        assertThat(new WalWritten(8 * SEGMENT, 6 * SEGMENT).segmentsCompleted(SEGMENT)).isZero();
    }

    @Test
    void archiveBacklogGrowsByTheSegmentsCompleted() {
        ArchiveBacklog guard = new ArchiveBacklog(TestLimits.count(8));
        WalWritten twoBoundaries = new WalWritten(3 * SEGMENT - 1, 5 * SEGMENT - 1); // crosses 3S and 4S
        assertThat(guard.afterWal(new ArchiveBacklog.Reading(6, ArchiveBacklog.Source.STATUS_DIR, SEGMENT),
                twoBoundaries)).isEqualTo(new ArchiveBacklog.Reading(8, ArchiveBacklog.Source.STATUS_DIR, SEGMENT));
        assertThat(guard.afterWal(new ArchiveBacklog.Reading(6, ArchiveBacklog.Source.ARCHIVER_STATS, SEGMENT),
                twoBoundaries).files()).isEqualTo(8);
        // other segment sizes: 1 MiB segments, 3 MiB written from a boundary
        assertThat(guard.afterWal(new ArchiveBacklog.Reading(0, ArchiveBacklog.Source.STATUS_DIR, MIB),
                new WalWritten(4 * MIB, 7 * MIB)).files()).isEqualTo(3);
        ArchiveBacklog.Reading off = new ArchiveBacklog.Reading(0, ArchiveBacklog.Source.ARCHIVING_OFF, SEGMENT);
        assertThat(guard.afterWal(off, twoBoundaries)).isEqualTo(off);
        assertThat(guard.growsWithWal()).isTrue();
    }

    @Test
    void walSizeAndDatabaseSizeGrowByteForByte() {
        WalWritten wal = new WalWritten(100, 100 + 3 * MIB);
        assertThat(new WalSize(TestLimits.bytes(1)).afterWal(new WalSize.Reading(64 * MIB), wal)).isEqualTo(new WalSize.Reading(67 * MIB));
        assertThat(new DatabaseSize(TestLimits.bytes(1)).afterWal(new DatabaseSize.Reading(500 * MIB, 64 * MIB), wal))
                .isEqualTo(new DatabaseSize.Reading(500 * MIB, 67 * MIB));
        assertThat(new WalSize(TestLimits.bytes(1)).growsWithWal()).isTrue();
        assertThat(new DatabaseSize(TestLimits.bytes(1)).growsWithWal()).isTrue();
    }

    @Test
    void everySlotThatRetainsWalRetainsTheNewWalToo() {
        SlotLag.Reading reading = new SlotLag.Reading(List.of(new SlotLag.Slot("a", 10L, "reserved"),
                new SlotLag.Slot("gone", null, "lost")));
        assertThat(new SlotLag(TestLimits.bytes(1)).afterWal(reading, new WalWritten(0, 5 * MIB))).isEqualTo(new SlotLag.Reading(List.of(
                new SlotLag.Slot("a", 10L + 5 * MIB, "reserved"), new SlotLag.Slot("gone", null, "lost"))));
        assertThat(new SlotLag(TestLimits.bytes(1)).growsWithWal()).isTrue();
    }

    @Test
    void signalsWalDoesNotMoveAreNotProjected() {
        assertThat(new ReplicationLag(TestLimits.duration(Duration.ofSeconds(1))).growsWithWal()).isFalse();
        assertThat(new PauseFile(Path.of("/nonexistent")).growsWithWal()).isFalse();
    }

    @Test
    void aReadingStandsWhileItsProjectionIsWithinTheLimit() {
        ArchiveBacklog guard = new ArchiveBacklog(TestLimits.count(8));
        ArchiveBacklog.Reading seven = new ArchiveBacklog.Reading(7, ArchiveBacklog.Source.STATUS_DIR, SEGMENT);
        long at = 10 * SEGMENT + 5;
        // one boundary crossed: 8, at the limit, proceeds; the verdict shows the projected reading
        Optional<Verdict> one = Guards.reusable(guard, seven, at, 11 * SEGMENT + 5);
        assertThat(one).isPresent();
        assertThat(one.get().proceeds()).isTrue();
        assertThat(one.get().reading()).isEqualTo(8);
        // a second boundary would make it 9, over the limit: read again now rather than trust or pause on a guess
        assertThat(Guards.reusable(guard, seven, at, 12 * SEGMENT)).isEmpty();
    }

    @Test
    void aReadingOverTheLimitStandsOnlyWhileNoWalWasWritten() {
        WalSize guard = new WalSize(TestLimits.bytes(100 * MIB));
        WalSize.Reading over = new WalSize.Reading(101 * MIB);
        Optional<Verdict> paused = Guards.reusable(guard, over, 5_000L, 5_000L);
        assertThat(paused).isPresent();
        assertThat(paused.get().pauses()).isTrue();
        assertThat(paused.get().reading()).isEqualTo(101 * MIB);
        assertThat(Guards.reusable(guard, over, 5_000L, 5_001L)).isEmpty();
    }

    @Test
    void anUnknownPositionMeansReadAgain() {
        WalSize guard = new WalSize(TestLimits.bytes(100 * MIB));
        WalSize.Reading under = new WalSize.Reading(MIB);
        assertThat(Guards.reusable(guard, under, null, 5_000L)).isEmpty();
        assertThat(Guards.reusable(guard, under, 5_000L, null)).isEmpty();
        assertThat(Guards.reusable(guard, under, 5_000L, 5_000L + 99 * MIB)).isPresent();
        assertThat(Guards.reusable(guard, under, 5_000L, 5_000L + 99 * MIB + 1)).isEmpty();
    }
}
