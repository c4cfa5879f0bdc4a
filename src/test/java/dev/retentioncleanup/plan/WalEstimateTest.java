package dev.retentioncleanup.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WalEstimateTest {
    @Test
    void recordPlusPageShareOfEveryRow() {
        // 1000 rows of a 1 MB table holding 10,000 rows: 1000 × (54 + 100).
        assertThat(WalEstimate.forTable(1000, 1_000_000, 10_000)).isEqualTo(154_000);
    }

    @Test
    void unknownStatisticsCountOnlyTheRecords() {
        assertThat(WalEstimate.forTable(10, 8192, -1)).isEqualTo(540);
    }

    @Test
    void nothingDeletedNothingWritten() {
        assertThat(WalEstimate.forTable(0, 1_000_000, 10_000)).isZero();
    }
}
