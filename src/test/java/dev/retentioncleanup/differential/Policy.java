package dev.retentioncleanup.differential;

/** The {@code policy:} section; null days mean "not in the file". */
record Policy(int table, String key, String retention, Integer defaultDays, Integer minDays) {
    int effectiveMinDays() {
        return minDays == null ? 1 : minDays;
    }
}
