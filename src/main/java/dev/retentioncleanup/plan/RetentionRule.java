package dev.retentioncleanup.plan;

import java.util.OptionalInt;

/**
 * Turns a tenant's configured retention into the days actually applied. Pure.
 *
 * @param defaultDays days for tenants whose retention is NULL; null means such tenants are skipped
 * @param minDays     floor: nothing younger is ever deleted, whatever the data says (also 0 or negative values)
 */
public record RetentionRule(Integer defaultDays, int minDays) {
    /** Empty when the tenant has no policy and there is no default: it is skipped, never deleted. */
    public OptionalInt effectiveDays(Integer configured) {
        Integer days = configured != null ? configured : defaultDays;
        if (days == null) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Math.max(days, minDays));
    }
}
