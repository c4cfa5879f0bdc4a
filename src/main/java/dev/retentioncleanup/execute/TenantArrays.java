package dev.retentioncleanup.execute;

import dev.retentioncleanup.plan.Plan;
import dev.retentioncleanup.plan.TenantCutoff;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The plan's tenants and cutoffs as the parallel arrays the eligibility join unnests. The bound on all
 * cutoffs is typed timestamptz so that it compares exactly like the per-tenant cutoffs do.
 */
record TenantArrays(String[] tenants, String[] cutoffs, Instant maxCutoff, String timeZone) {

    static TenantArrays of(Plan plan) {
        String[] tenants = plan.tenants().stream().map(TenantCutoff::tenant).toArray(String[]::new);
        String[] cutoffs = plan.tenants().stream().map(t -> t.cutoff().toString()).toArray(String[]::new);
        Instant max = plan.tenants().stream().map(TenantCutoff::cutoff).max(Instant::compareTo).orElse(Instant.EPOCH);
        return new TenantArrays(tenants, cutoffs, max, plan.timeZone());
    }

    Map<String, Object> bind(Connection connection) throws SQLException {
        return Map.of(
                Statements.TENANTS, connection.createArrayOf("text", tenants),
                Statements.CUTOFFS, connection.createArrayOf("timestamptz", cutoffs),
                Statements.MAX_CUTOFF, OffsetDateTime.ofInstant(maxCutoff, ZoneOffset.UTC),
                Statements.ZONE, timeZone);
    }
}
