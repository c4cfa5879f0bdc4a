package dev.retentioncleanup.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BatchSizerTest {
    private static final Duration TARGET = Duration.ofMillis(500);

    @Test
    void startsAtAThousandWithinBounds() {
        assertThat(BatchSizer.adaptive(50, 10_000, TARGET).current()).isEqualTo(1000);
        assertThat(BatchSizer.adaptive(50, 400, TARGET).current()).isEqualTo(400);
        assertThat(BatchSizer.adaptive(2000, 10_000, TARGET).current()).isEqualTo(2000);
    }

    @Test
    void growsTowardTheTargetButAtMostDoubles() {
        BatchSizer sizer = BatchSizer.adaptive(50, 10_000, TARGET);
        sizer.recordBatch(true, Duration.ofMillis(400));
        assertThat(sizer.current()).isEqualTo(1250);
        sizer.recordBatch(true, Duration.ofMillis(10));
        assertThat(sizer.current()).isEqualTo(2500);
    }

    @Test
    void shrinksButAtMostHalvesAndStaysWithinBounds() {
        BatchSizer sizer = BatchSizer.adaptive(300, 10_000, TARGET);
        sizer.recordBatch(true, Duration.ofMillis(1000));
        assertThat(sizer.current()).isEqualTo(500);
        sizer.recordBatch(true, Duration.ofSeconds(30));
        assertThat(sizer.current()).isEqualTo(300);
    }

    @Test
    void aShortLastBatchSaysNothingAboutSpeed() {
        BatchSizer sizer = BatchSizer.adaptive(50, 10_000, TARGET);
        sizer.recordBatch(false, Duration.ofMillis(1));
        assertThat(sizer.current()).isEqualTo(1000);
    }

    @Test
    void aTimeoutHalves() {
        BatchSizer sizer = BatchSizer.adaptive(50, 10_000, TARGET);
        sizer.recordTimeout();
        assertThat(sizer.current()).isEqualTo(500);
    }

    @Test
    void fixedNeverMoves() {
        BatchSizer sizer = BatchSizer.fixed(50);
        sizer.recordBatch(true, Duration.ofMillis(1));
        sizer.recordTimeout();
        assertThat(sizer.current()).isEqualTo(50);
    }

    @Test
    void aBatchAndItsDescendantsFitOneTransaction() {
        BatchSizer sizer = BatchSizer.adaptive(50, 10_000, TARGET);
        sizer.recordBatch(true, Duration.ofMillis(10));
        assertThat(sizer.current()).isEqualTo(2000);
        sizer.fitTransaction(15.0, 10_000); // 15 rows per email: 80 % of 10,000 rows is 533 emails
        assertThat(sizer.current()).isEqualTo(533);
        sizer.fitTransaction(1.0, 10_000); // a cap, never a push upwards
        assertThat(sizer.current()).isEqualTo(533);
        sizer.fitTransaction(1000.0, 10_000); // never below the minimum: the drain steps bound that case
        assertThat(sizer.current()).isEqualTo(50);
    }

    @Test
    void aFixedSizeIsNotCapped() {
        BatchSizer sizer = BatchSizer.fixed(5000);
        sizer.fitTransaction(15.0, 10_000);
        assertThat(sizer.current()).isEqualTo(5000);
    }
}
