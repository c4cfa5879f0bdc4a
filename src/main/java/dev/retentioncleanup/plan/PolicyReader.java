package dev.retentioncleanup.plan;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.retentioncleanup.config.ConfigException;
import dev.retentioncleanup.config.PolicyConfig;
import dev.retentioncleanup.db.Jooq;
import dev.retentioncleanup.db.TableName;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Reads every tenant's retention and turns it into cutoffs with the database's clock, once, in one
 * read-only transaction: {@code now() - make_interval(days => d)} per distinct number of days, so
 * calendar arithmetic (DST days) is the server's and all cutoffs share one instant.
 */
public final class PolicyReader {
    private static final DSLContext SQL = Jooq.POSTGRES;
    private static final java.util.regex.Pattern TRAILING_SEMICOLONS = java.util.regex.Pattern.compile("[\\s;]+$");
    private static final int FETCH_SIZE = 10_000;
    /** Days are calendar days of the run's zone (a DST day has 23 or 25 hours), never of the JVM's. */
    private static final String CUTOFFS = "SELECT now(), d, timezone(?, timezone(?, now()) - make_interval(days => d))"
            + " FROM unnest(?::int[]) AS d";

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
        String sql = policyQuery(policy, policyTable);
        try (Statement readOnly = connection.createStatement()) {
            // The user's query runs on a session that cannot write, whatever it contains.
            readOnly.execute("SET SESSION default_transaction_read_only = on");
            readOnly.execute("SET TRANSACTION READ ONLY");
            RetentionRule rule = new RetentionRule(policy.defaultDays(), policy.minDays());
            // A million tenants: two flat lists, not a map of boxed entries; rows come sorted by their text, so a
            // tenant's second row follows its first.
            List<String> tenants = new ArrayList<>();
            List<Integer> daysOfTenant = new ArrayList<>();
            Map<String, String> skipped = new LinkedHashMap<>();
            String previous = null;
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(FETCH_SIZE);
                ResultSet rows = statement.executeQuery(sql);
                while (rows.next()) {
                    String tenant = rows.getString(1);
                    if (tenant == null || !filter.includes(tenant)) {
                        continue;
                    }
                    boolean repeated = tenant.equals(previous);
                    previous = tenant;
                    if (repeated) {
                        // Two retentions for one tenant: choosing one silently could delete what the other keeps.
                        throw new ConfigException("policy: tenant " + tenant + " has more than one row in the policy;"
                                + " each tenant needs exactly one retention");
                    }
                    String value = rows.getString(2);
                    RetentionValue parsed = RetentionValue.parse(value);
                    if (parsed.skipReason() != null) {
                        skipped.put(tenant, parsed.skipReason());
                        continue;
                    }
                    OptionalInt days = rule.effectiveDays(parsed.days());
                    if (days.isPresent()) {
                        tenants.add(tenant);
                        daysOfTenant.add(days.getAsInt());
                    } else {
                        skipped.put(tenant, "no retention and no default_days");
                    }
                }
            }
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
            try (Statement reset = connection.createStatement()) {
                reset.execute("RESET default_transaction_read_only");
            }
            connection.setAutoCommit(autoCommit);
        } catch (SQLException broken) {
            // see above
        }
    }

    private static Policies cutoffs(Connection connection, List<String> tenantKeys, List<Integer> daysOfTenant,
            Map<String, String> skipped, String zone) throws SQLException {
        Array distinctDays = connection.createArrayOf("integer", new TreeSet<>(daysOfTenant).toArray());
        Map<Integer, Instant> cutoffByDays = new LinkedHashMap<>();
        Instant now;
        try (PreparedStatement statement = connection.prepareStatement(CUTOFFS)) {
            statement.setString(1, zone);
            statement.setString(2, zone);
            statement.setArray(3, distinctDays);
            try (ResultSet rows = statement.executeQuery()) {
                now = null;
                while (rows.next()) {
                    now = rows.getObject(1, OffsetDateTime.class).toInstant();
                    cutoffByDays.put(rows.getInt(2), rows.getObject(3, OffsetDateTime.class).toInstant());
                }
            }
        }
        if (now == null) {
            now = databaseNow(connection);
        }
        List<TenantCutoff> tenants = new ArrayList<>(tenantKeys.size());
        for (int i = 0; i < tenantKeys.size(); i++) {
            int days = daysOfTenant.get(i);
            tenants.add(new TenantCutoff(tenantKeys.get(i), days, cutoffByDays.get(days)));
        }
        return new Policies(now, tenants, skipped);
    }

    private static Instant databaseNow(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT now()")) {
            rows.next();
            return rows.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    /**
     * The table form is built from quoted names; the query form is the user's own SQL as a subquery, which the
     * server accepts only for a query (a SELECT, VALUES or a read-only WITH). It must be exactly one statement:
     * pgjdbc splits text at semicolons, and {@code ...) q; COMMIT; DELETE ...} would run three.
     */
    static String policyQuery(PolicyConfig policy, TableName policyTable) {
        if (policy.usesQuery()) {
            // A trailing semicolon is natural in SQL written by hand, but not inside a subquery.
            String query = TRAILING_SEMICOLONS.matcher(policy.query()).replaceFirst("");
            String sql = "SELECT CAST(q.tenant AS text), CAST(q.retention_days AS text) FROM (" + query
                    + "\n) AS q ORDER BY CAST(q.tenant AS text) COLLATE \"C\"";
            if (SqlStatements.count(sql) != 1) {
                throw new ConfigException("policy.query: must be exactly one SELECT statement");
            }
            return sql;
        }
        Field<Object> key = field(name("p", policy.key()));
        return SQL.render(DSL.select(DSL.cast(key, SQLDataType.CLOB),
                        DSL.cast(field(name("p", policy.retentionDaysColumn())), SQLDataType.CLOB))
                .from(table(name(policyTable.schema(), policyTable.name())).as("p"))
                .orderBy(DSL.field("{0} collate \"C\"", DSL.cast(key, SQLDataType.CLOB))));
    }
}
