package dev.retentioncleanup.plan;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.val;

import dev.retentioncleanup.config.ConfigException;
import dev.retentioncleanup.config.RetentionConfig;
import dev.retentioncleanup.db.Catalog;
import dev.retentioncleanup.db.CatalogReader;
import dev.retentioncleanup.db.ServerState;
import dev.retentioncleanup.db.Sql;
import dev.retentioncleanup.db.TableName;
import dev.retentioncleanup.plan.Finding.Severity;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code check}: every finding about this config on this server, reading only the catalog. */
public final class Preflight {
    private Preflight() {
    }

    public static List<Finding> run(Connection connection, RetentionConfig config) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        ServerState server = ServerState.read(connection);
        if (!server.writable()) {
            findings.add(new Finding(Severity.ERROR, "server", server.notWritableReason() + ": a run would exit 6"));
        }
        Catalog catalog = CatalogReader.read(connection);
        TargetResolver resolver = new TargetResolver(catalog, config);
        List<TargetPlan> targets;
        TableName policyTable;
        try {
            policyTable = resolver.policyTable();
            targets = resolver.resolve();
        } catch (ConfigException e) {
            findings.add(new Finding(Severity.ERROR, "config", e.getMessage()));
            return findings;
        }
        CatalogChecks checks = new CatalogChecks(catalog);
        targets.forEach(t -> findings.addAll(checks.check(t)));
        findings.addAll(privileges(connection, policyTable, targets));
        RunTimeZone zone = RunTimeZone.resolve(connection, null);
        try {
            PolicyReader.Policies policies =
                    PolicyReader.read(connection, config.policy(), policyTable, TenantFilter.all(), zone.name());
            findings.addAll(policies(policies));
            Instant latestCutoff = policies.tenants().stream().map(TenantCutoff::cutoff).max(Instant::compareTo)
                    .orElse(Instant.EPOCH);
            for (TargetPlan target : targets) {
                findings.addAll(PartitionChecks.check(connection, target, latestCutoff));
            }
        } catch (ConfigException e) {
            findings.add(new Finding(Severity.ERROR, "policy", e.getMessage()));
        }
        findings.addAll(timeZone(zone, targets));
        findings.addAll(temporaryTables(connection));
        return findings;
    }

    /** The policy as a run reads it (a query that is not one SELECT is an error): unusable values are warnings. */
    private static List<Finding> policies(PolicyReader.Policies policies) {
        return policies.skipped().entrySet().stream().filter(skip -> skip.getValue().startsWith("unusable"))
                .map(skip -> new Finding(Severity.WARNING, "policy", "tenant " + skip.getKey() + ": "
                        + skip.getValue() + "; the tenant is kept whole until it is fixed"))
                .toList();
    }

    /** Timestamp and date columns need a zone; say so when only a stand-in for the server's could be read. */
    private static List<Finding> timeZone(RunTimeZone zone, List<TargetPlan> targets) {
        boolean wallTime = targets.stream().anyMatch(t -> t.timestampKind() != TimestampKind.TIMESTAMPTZ);
        if (wallTime && zone.source().startsWith("log_timezone")) {
            return List.of(new Finding(Severity.WARNING, "time zone", "timestamp and date columns will be read in "
                    + zone.name() + ", from " + zone.source() + "; pass --time-zone to be sure"));
        }
        return List.of();
    }

    private static List<Finding> temporaryTables(Connection connection) throws SQLException {
        if (!Sql.value(connection, field("has_database_privilege(current_database(), 'TEMPORARY')", Boolean.class))) {
            return List.of(new Finding(Severity.ERROR, "database", "this role lacks TEMPORARY on the database,"
                    + " where a run keeps the tenants' cutoffs: GRANT TEMPORARY ON DATABASE … TO current_user"));
        }
        return List.of();
    }

    private static List<Finding> privileges(Connection connection, TableName policyTable, List<TargetPlan> targets)
            throws SQLException {
        Map<TableName, String> needed = new LinkedHashMap<>();
        if (policyTable != null) {
            needed.put(policyTable, "SELECT");
        }
        for (TargetPlan target : targets) {
            target.tenantPath().forEach(hop -> needed.putIfAbsent(hop.to(), "SELECT"));
            target.graph().deleteOrder().forEach(table -> needed.put(table, "SELECT, DELETE"));
            // Batches lock their target rows (FOR UPDATE SKIP LOCKED), and row locks need UPDATE.
            needed.put(target.table(), "SELECT, UPDATE, DELETE");
        }
        List<Finding> findings = new ArrayList<>();
        for (var entry : needed.entrySet()) {
            for (String privilege : entry.getValue().split(", ")) {
                if (!hasPrivilege(connection, entry.getKey(), privilege)) {
                    findings.add(new Finding(Severity.ERROR, entry.getKey().display(), "this role lacks " + privilege
                            + ": GRANT " + privilege + " ON " + entry.getKey().sql() + " TO current_user"));
                }
            }
        }
        return findings;
    }

    /** Row locks need UPDATE on any one column, so UPDATE is checked column-wise; the others table-wise. */
    private static boolean hasPrivilege(Connection connection, TableName table, String privilege) throws SQLException {
        String function = privilege.equals("UPDATE") ? "has_any_column_privilege({0}, {1})" : "has_table_privilege({0}, {1})";
        return Sql.value(connection, field(function, Boolean.class,
                field("format('%I.%I', {0}::text, {1}::text)", val(table.schema()), val(table.name())), val(privilege)));
    }
}
