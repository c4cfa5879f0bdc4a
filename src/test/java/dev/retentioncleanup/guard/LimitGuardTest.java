package dev.retentioncleanup.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retentioncleanup.config.Written;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The base of the "reading above a limit" guards: the comparison, the verdicts and the echo of the limit. */
class LimitGuardTest {
    /** A reading is the number itself; a negative one carries a note, to see where notes go. */
    private static final class Counter extends LimitGuard<Long> {
        Counter(long limit, String text) {
            super("counter", ArchiveBacklog.SETTING, limit, text);
        }

        @Override
        public Long read(Connection connection) {
            return 0L;
        }

        @Override
        protected double value(Long reading) {
            return Math.abs(reading);
        }

        @Override
        protected String over(Long reading) {
            return "counted " + Math.abs(reading);
        }

        @Override
        protected String aside(Long reading) {
            return reading < 0 ? " (negative)" : "";
        }

        @Override
        protected String proceedNote(Long reading) {
            return reading < 0 ? "negative" : null;
        }
    }

    @Test
    void proceedsAtTheLimitAndPausesAboveItEchoingTheLimitAsWritten() {
        Counter guard = new Counter(10, "ten");
        Verdict at = guard.verdict(10L);
        assertThat(at.proceeds()).isTrue();
        assertThat(at.why()).isNull();
        assertThat(at.reading()).isEqualTo(10);
        assertThat(at.limit()).isEqualTo(10);

        Verdict over = guard.verdict(11L);
        assertThat(over.action()).isEqualTo(Verdict.Action.PAUSE);
        assertThat(over.guard()).isEqualTo("counter");
        assertThat(over.reading()).isEqualTo(11);
        assertThat(over.expectedWait()).isZero();
        assertThat(over.why()).isEqualTo("counted 11, above --max-archive-backlog ten");
    }

    @Test
    void notesShowWithinTheLimitAndAfterTheLimitWhenOver() {
        Counter guard = new Counter(10, "10");
        assertThat(guard.verdict(-3L).why()).isEqualTo("negative");
        assertThat(guard.verdict(-12L).why()).isEqualTo("counted 12, above --max-archive-backlog 10 (negative)");
    }

    @Test
    void theFlagComesFromTheGuardsSetting() {
        assertThat(new Counter(1, "1").flag()).isEqualTo(ArchiveBacklog.SETTING.flag());
        assertThat(new WalSize(TestLimits.bytes(1)).flag()).isEqualTo("--max-wal-size");
        assertThat(new ReplicationLag(TestLimits.duration(Duration.ofSeconds(1))).flag())
                .isEqualTo("--max-replication-lag");
    }

    /** The point of item 4 of issue 11: "--max-wal-size 64MB" used to come back as "61.0 MiB". */
    @Test
    void limitsFromSettingsAreEchoedAsTheUserWroteThem() {
        WalSize walSize = new WalSize(WalSize.SETTING.parse(" 64MB "));
        assertThat(walSize.verdict(new WalSize.Reading(70_000_000)).why())
                .isEqualTo("pg_wal holds 66.8 MiB, above --max-wal-size 64MB");
        ReplicationLag lag = new ReplicationLag(ReplicationLag.SETTING.parse("1m30s"));
        assertThat(lag.verdict(new ReplicationLag.Reading(java.util.List.of(
                new ReplicationLag.Replica("r", Duration.ofSeconds(91))))).why())
                .isEqualTo("standby r replays 1m31s behind, above --max-replication-lag 1m30s");
        WalRate rate = new WalRate(new Written<>(1_000_000L, "1MB/s"), Clock.systemUTC());
        assertThat(rate.verdict(new WalRate.Reading(4_000_000, Duration.ofSeconds(2))).why())
                .endsWith("is above --max-wal-rate 1MB/s; pacing");
    }
}
