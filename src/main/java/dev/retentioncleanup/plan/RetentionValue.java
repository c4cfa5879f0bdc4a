package dev.retentioncleanup.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A tenant's retention as the policy row gives it (the server's text form of any number type), made safe: a
 * fraction rounds up (keeps longer), a value beyond {@link PolicyReader#KEEP_EVERYTHING_DAYS} keeps everything, and
 * NaN, infinities or text that is no number keep the tenant whole rather than becoming some number of days.
 *
 * @param days       the days to apply, or null for "no value" (NULL: the default applies)
 * @param skipReason why the tenant is kept whole, or null
 */
record RetentionValue(Integer days, String skipReason) {
    static RetentionValue parse(String text) {
        if (text == null) {
            return new RetentionValue(null, null);
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            // NaN, Infinity, -Infinity and non-numbers alike; the value itself is the user's data, safe to name
            return new RetentionValue(null, "unusable retention value '" + abbreviate(text) + "'");
        }
        BigDecimal days = value.setScale(0, RoundingMode.CEILING);
        if (days.compareTo(PolicyReader.KEEP_EVERYTHING_DAYS) > 0) {
            return new RetentionValue(null, "retention of " + abbreviate(text) + " days keeps everything");
        }
        // Below zero means "no retention" and the min_days floor decides; clamp before it could overflow an int.
        return new RetentionValue(days.max(BigDecimal.valueOf(-1)).intValueExact(), null);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
