package dev.retentioncleanup.config;

/**
 * Where each tenant's retention comes from: either a table ({@code table}, {@code key}, {@code retentionDaysColumn})
 * or a {@code query} returning columns {@code tenant} and {@code retention_days}; exactly one of the two forms is set.
 *
 * @param defaultDays days for tenants whose retention is NULL; null means such tenants are skipped, never deleted
 * @param minDays     floor: nothing younger than this is deleted, whatever the policy says
 */
public record PolicyConfig(TableRef table, String key, String retentionDaysColumn, String query,
                           Integer defaultDays, int minDays) {
    public static final int DEFAULT_MIN_DAYS = 1;
    /**
     * 1000 years: keeps everything any database holds, while {@code now() - days} stays inside PostgreSQL's
     * timestamp range (about 2.4 million days back), which an int number of days does not.
     */
    public static final int MAX_DAYS = 365_000;

    public PolicyConfig {
        boolean tableForm = table != null && key != null && retentionDaysColumn != null;
        boolean partialTable = table != null || key != null || retentionDaysColumn != null;
        if (query != null && query.isBlank()) {
            throw new IllegalArgumentException("policy query must not be blank");
        }
        boolean queryForm = query != null;
        if (tableForm == queryForm || (queryForm && partialTable)) {
            throw new IllegalArgumentException("policy needs either table, key and retention_days, or query");
        }
        if ((defaultDays != null && (defaultDays < 0 || defaultDays > MAX_DAYS)) || minDays < 0 || minDays > MAX_DAYS) {
            throw new IllegalArgumentException("policy days must be 0 to " + MAX_DAYS);
        }
    }

    /** True when retention comes from {@link #query()}: there is no policy table then. */
    public boolean usesQuery() {
        return query != null;
    }
}
