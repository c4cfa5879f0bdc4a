package dev.retentioncleanup.guard;

import dev.retentioncleanup.config.Units;
import dev.retentioncleanup.config.Written;
import java.time.Duration;

/** Limits for guards built in tests, written the way a reading of them would print. */
final class TestLimits {
    private TestLimits() {
    }

    static Written<Long> bytes(long bytes) {
        return new Written<>(bytes, Units.bytes(bytes));
    }

    static Written<Long> count(long count) {
        return new Written<>(count, Long.toString(count));
    }

    static Written<Duration> duration(Duration duration) {
        return new Written<>(duration, Units.elapsed(duration));
    }

    static Written<Long> rate(long bytesPerSecond) {
        return new Written<>(bytesPerSecond, Units.rate(bytesPerSecond));
    }
}
