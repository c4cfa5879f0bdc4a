package dev.retentioncleanup.config;

import java.util.Set;

/**
 * Reads and checks the {@code policy:} section of the configuration file; {@code plan.PolicyReader} then reads
 * the tenants' retention from the database as that section says.
 */
final class PolicySectionReader {
    private static final Set<String> KEYS = Set.of("table", "key", "retention_days", "default_days", "min_days", "query");
    private static final String DAYS = "a whole number of days (0 to " + PolicyConfig.MAX_DAYS + ")";

    private PolicySectionReader() {
    }

    static PolicyConfig read(YamlNode node) {
        node.mappingOf(KEYS, "a mapping (table, key, retention_days, default_days, min_days or query)");
        Integer defaultDays = node.optional("default_days").map(n -> n.intUpTo(PolicyConfig.MAX_DAYS, DAYS)).orElse(null);
        int minDays = node.optional("min_days").map(n -> n.intUpTo(PolicyConfig.MAX_DAYS, DAYS)).orElse(PolicyConfig.DEFAULT_MIN_DAYS);

        if (node.optional("query").isPresent()) {
            for (String tableKey : new String[] {"table", "key", "retention_days"}) {
                node.optional(tableKey).ifPresent(n -> {
                    throw n.error("give either query or table, key and retention_days, not both");
                });
            }
            YamlNode query = node.required("query");
            String sql = query.text("an SQL query returning columns tenant and retention_days");
            if (sql.isBlank()) {
                throw query.error("is empty; expected an SQL query returning columns tenant and retention_days");
            }
            return new PolicyConfig(null, null, null, sql, defaultDays, minDays);
        }
        if (node.optional("table").isEmpty()) {
            throw node.error("missing required key 'table' (or give 'query' instead of table, key and retention_days)");
        }
        return new PolicyConfig(
                node.required("table").parsed("a table name", TableRef::parse),
                node.required("key").parsed("a column name", Identifiers::column),
                node.required("retention_days").parsed("a column name", Identifiers::column),
                null, defaultDays, minDays);
    }
}
