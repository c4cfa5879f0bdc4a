package dev.retentioncleanup.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The pacing arithmetic and the sliding window, without a database. */
class WalRateTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final long MB = 1_000_000;

    @Test
    void pacingSleepsExactlyEnoughToBringTheWindowToTheLimit() {
        // 10 MB in 2 s at a 2 MB/s limit: the window must span 5 s, so wait 3 s.
        assertThat(WalRate.pacing(new WalRate.Reading(10 * MB, Duration.ofSeconds(2)), 2 * MB))
                .isEqualTo(Duration.ofSeconds(3));
        // exactly at the limit: no wait
        assertThat(WalRate.pacing(new WalRate.Reading(4 * MB, Duration.ofSeconds(2)), 2 * MB)).isZero();
        // one byte over: a nanosecond-scale wait, but a wait
        assertThat(WalRate.pacing(new WalRate.Reading(4 * MB + 1, Duration.ofSeconds(2)), 2 * MB)).isPositive();
        // nothing written yet (first sample): no wait
        assertThat(WalRate.pacing(new WalRate.Reading(0, Duration.ZERO), 2 * MB)).isZero();
        // WAL written in no measurable time
        assertThat(WalRate.pacing(new WalRate.Reading(MB, Duration.ZERO), 2 * MB)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void verdictCarriesRateLimitAndWait() {
        WalRate guard = new WalRate(TestLimits.rate(2 * MB), Clock.fixed(T0, ZoneOffset.UTC));
        Verdict over = guard.verdict(new WalRate.Reading(10 * MB, Duration.ofSeconds(2)));
        assertThat(over.pauses()).isTrue();
        assertThat(over.reading()).isEqualTo(5 * MB);
        assertThat(over.limit()).isEqualTo(2 * MB);
        assertThat(over.expectedWait()).isEqualTo(Duration.ofSeconds(3));
        assertThat(over.why()).isEqualTo("WAL rate 4.8 MiB/s over the last 2.0s is above --max-wal-rate 1.9 MiB/s; pacing");
        Verdict at = guard.verdict(new WalRate.Reading(4 * MB, Duration.ofSeconds(2)));
        assertThat(at.proceeds()).isTrue();
        assertThat(at.reading()).isEqualTo(2 * MB);
    }

    @Test
    void windowSlidesButAlwaysSpansAtLeastTheWindowOnceOldEnough() {
        WalRate guard = new WalRate(TestLimits.rate(MB), Clock.fixed(T0, ZoneOffset.UTC), Duration.ofSeconds(10));
        assertThat(guard.add(T0, 100)).isEqualTo(new WalRate.Reading(0, Duration.ZERO));
        assertThat(guard.add(T0.plusSeconds(4), 4_100)).isEqualTo(new WalRate.Reading(4_000, Duration.ofSeconds(4)));
        assertThat(guard.add(T0.plusSeconds(8), 8_100)).isEqualTo(new WalRate.Reading(8_000, Duration.ofSeconds(8)));
        // at 14 s the sample at 4 s is 10 s old: the one at 0 s is dropped, the window starts at 4 s
        assertThat(guard.add(T0.plusSeconds(14), 20_100))
                .isEqualTo(new WalRate.Reading(16_000, Duration.ofSeconds(10)));
        // at 15 s the sample at 8 s is only 7 s old: the window keeps starting at 4 s (11 s long)
        assertThat(guard.add(T0.plusSeconds(15), 21_100))
                .isEqualTo(new WalRate.Reading(17_000, Duration.ofSeconds(11)));
    }

    @Test
    void pacingHoldsTheLongRunAverageAtTheLimit() {
        // Simulate: each batch writes 1 MB instantly; the guard is asked before each batch and its wait is slept.
        long limit = 2 * MB;
        Instant now = T0;
        WalRate guard = new WalRate(TestLimits.rate(limit), Clock.fixed(T0, ZoneOffset.UTC), Duration.ofSeconds(5));
        long lsn = 0;
        for (int batch = 0; batch < 200; batch++) {
            Verdict verdict = guard.verdict(guard.add(now, lsn));
            while (verdict.pauses()) {
                now = now.plus(verdict.expectedWait());
                verdict = guard.verdict(guard.add(now, lsn));
            }
            lsn += MB; // the batch
        }
        double seconds = Duration.between(T0, now).toNanos() / 1e9;
        // 199 batches were paced (the last one's WAL is after the last check)
        assertThat((lsn - MB) / seconds).isLessThanOrEqualTo(limit * 1.0001);
        assertThat((lsn - MB) / seconds).isGreaterThan(limit * 0.95);
    }
}
