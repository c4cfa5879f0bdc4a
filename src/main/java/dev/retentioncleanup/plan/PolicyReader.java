package dev.retentioncleanup.plan;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;

import dev.retentioncleanup.config.ConfigException;
import dev.retentioncleanup.config.PolicyConfig;
import dev.retentioncleanup.db.Sql;
import dev.retentioncleanup.db.TableName;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Reads every tenant's retention and turns it into cutoffs with the database's clock, once, in one
 * read-only transaction: {@code now() - make_interval(days => d)} per distinct number of days, so
 * calendar arithmetic (DST days) is the server's and all cutoffs share one instant.
 */
public final class PolicyReader {
    private static final java.util.regex.Pattern TRAILING_SEMICOLONS = java.util.regex.Pattern.compile("[\\s;]+$");
    private static final int FETCH_SIZE = 10_000;

    private PolicyReader() {
    }

    /** Retention beyond this many days (about 273 years) keeps everything. */
    static final BigDecimal KEEP_EVERYTHING_DAYS = BigDecimal.valueOf(100_000);

    /**
     * Tenants with their cutoffs, tenants kept whole with the reason (no policy, unusable value, keeps everything),
     * and the database clock reading they share.
     */
    public record Policies(Instant databaseNow, List<TenantCutoff> tenants, Map<String, String> skipped) {
    }

    /** @param zone the run's time zone, whose calendar the days count in */
    public static Policies read(Connection connection, PolicyConfig policy, TableName policyTable, TenantFilter filter,
            String zone) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        Sql sql = policyQuery(policy, policyTable);
        try {
            // The user's query runs on a session that cannot write, whatever it contains.
            Sql.execute(connection, DSL.query("set session default_transaction_read_only = on"));
            Sql.execute(connection, DSL.query("set transaction read only"));
            RetentionRule rule = new RetentionRule(policy.defaultDays(), policy.minDays());
            // A million tenants: two flat lists, not a map of boxed entries; rows come sorted by their text, so a
            // tenant's second row follows its first.
            List<String> tenants = new ArrayList<>();
            List<Integer> daysOfTenant = new ArrayList<>();
            Map<String, String> skipped = new LinkedHashMap<>();
            String[] previous = {null};
            sql.forEach(connection, Map.of(), FETCH_SIZE, row -> {
                String tenant = row.getString(1);
                if (tenant == null || !filter.includes(tenant)) {
                    return;
                }
                boolean repeated = tenant.equals(previous[0]);
                previous[0] = tenant;
                if (repeated) {
                    // Two retentions for one tenant: choosing one silently could delete what the other keeps.
                    throw new ConfigException("policy: tenant " + tenant + " has more than one row in the policy;"
                            + " each tenant needs exactly one retention");
                }
                RetentionValue parsed = RetentionValue.parse(row.getString(2));
                if (parsed.skipReason() != null) {
                    skipped.put(tenant, parsed.skipReason());
                    return;
                }
                OptionalInt days = rule.effectiveDays(parsed.days());
                if (days.isPresent()) {
                    tenants.add(tenant);
                    daysOfTenant.add(days.getAsInt());
                } else {
                    skipped.put(tenant, "no retention and no default_days");
                }
            });
            Policies policies = cutoffs(connection, tenants, daysOfTenant, skipped, zone);
            connection.commit();
            return policies;
        } finally {
            restore(connection, autoCommit);
        }
    }

    /**
     * Quietly: after a failure (an out-of-memory inside the driver included) the connection may be broken, and an
     * error here must not replace the one that explains the failure; the pool discards a broken connection.
     */
    private static void restore(Connection connection, boolean autoCommit) {
        try {
            connection.rollback();
            Sql.execute(connection, DSL.query("reset default_transaction_read_only"));
            connection.setAutoCommit(autoCommit);
        } catch (SQLException broken) {
            // see above
        }
    }

    private static Policies cutoffs(Connection connection, List<String> tenantKeys, List<Integer> daysOfTenant,
            Map<String, String> skipped, String zone) throws SQLException {
        Instant now = Sql.value(connection, field("now()", OffsetDateTime.class)).toInstant();
        Map<Integer, Instant> cutoffByDays = new LinkedHashMap<>();
        Array distinctDays = connection.createArrayOf("integer", new TreeSet<>(daysOfTenant).toArray());
        Sql.forEach(connection, cutoffs(zone, distinctDays), row ->
                cutoffByDays.put(row.getInt(1), row.getObject(2, OffsetDateTime.class).toInstant()));
        List<TenantCutoff> tenants = new ArrayList<>(tenantKeys.size());
        for (int i = 0; i < tenantKeys.size(); i++) {
            int days = daysOfTenant.get(i);
            tenants.add(new TenantCutoff(tenantKeys.get(i), days, cutoffByDays.get(days)));
        }
        return new Policies(now, tenants, skipped);
    }

    /**
     * The cutoff of each distinct number of days, from the clock reading of the transaction ({@code now()}). Days are
     * calendar days of the run's zone (a DST day has 23 or 25 hours), never of the JVM's.
     */
    private static Query cutoffs(String zone, Array days) {
        Field<Object> d = field(name("d"));
        return DSL.select(d, field("timezone({0}, timezone({0}, now()) - make_interval(days => {1}))", val(zone), d))
                .from(table("unnest({0}::int[])", val(days, Sql.VALUE)).as("d"));
    }

    /**
     * The table form is built from quoted names; the query form is the user's own SQL as a subquery, which the
     * server accepts only for a query (a SELECT, VALUES or a read-only WITH). It must be exactly one statement:
     * pgjdbc splits text at semicolons, and {@code ...) q; COMMIT; DELETE ...} would run three.
     */
    static Sql policyQuery(PolicyConfig policy, TableName policyTable) {
        String alias = policy.usesQuery() ? "q" : "p";
        Table<?> source = policy.usesQuery()
                // A trailing semicolon is natural in SQL written by hand, but not inside a subquery; the line break
                // ends a trailing comment. The user's SQL goes as written (DSL.raw: no template markers read in it).
                ? DSL.table("({0})", DSL.raw(TRAILING_SEMICOLONS.matcher(policy.query()).replaceFirst("") + "\n")).as(alias)
                : table(policyTable.qualifiedName()).as(alias);
        Field<String> tenant = DSL.cast(field(name(alias, policy.usesQuery() ? "tenant" : policy.key())), SQLDataType.CLOB);
        Field<String> days = DSL.cast(field(name(alias, policy.usesQuery() ? "retention_days"
                : policy.retentionDaysColumn())), SQLDataType.CLOB);
        Sql sql = Sql.plain(DSL.select(tenant, days).from(source).orderBy(tenant.collate("C")));
        if (policy.usesQuery() && SqlStatements.count(sql.text()) != 1) {
            throw new ConfigException("policy.query: must be exactly one SELECT statement");
        }
        return sql;
    }
}
