package dev.retentioncleanup.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RetentionRuleTest {
    @Test
    void configuredDaysWinOverTheDefault() {
        assertThat(new RetentionRule(30, 1).effectiveDays(7)).isEqualTo(OptionalInt.of(7));
    }

    @Test
    void nullRetentionTakesTheDefault() {
        assertThat(new RetentionRule(30, 1).effectiveDays(null)).isEqualTo(OptionalInt.of(30));
    }

    @Test
    void nullRetentionWithoutDefaultIsSkipped() {
        assertThat(new RetentionRule(null, 1).effectiveDays(null)).isEmpty();
    }

    @Test
    void theFloorAppliesToZeroNegativeAndSmallValuesAndToTheDefault() {
        RetentionRule rule = new RetentionRule(0, 3);
        assertThat(rule.effectiveDays(0)).isEqualTo(OptionalInt.of(3));
        assertThat(rule.effectiveDays(-10)).isEqualTo(OptionalInt.of(3));
        assertThat(rule.effectiveDays(2)).isEqualTo(OptionalInt.of(3));
        assertThat(rule.effectiveDays(4)).isEqualTo(OptionalInt.of(4));
        assertThat(rule.effectiveDays(null)).isEqualTo(OptionalInt.of(3));
    }
}
