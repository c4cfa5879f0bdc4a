package dev.retentioncleanup.execute;

import dev.retentioncleanup.plan.Plan;
import dev.retentioncleanup.plan.TenantCutoff;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.jooq.Table;

/** Where the eligibility test of a statement finds each tenant's cutoff: a table {@code c(tenant, cutoff)}. */
sealed interface Cutoffs permits CutoffTable, CutoffArrays {
    /** The cutoffs as a table aliased {@code c} with columns {@code tenant} and {@code cutoff}. */
    Table<?> source();

    /** The values every statement that tests eligibility binds, after making the source ready on this session. */
    Map<String, Object> bind(Connection connection) throws SQLException;

    /** The run's zone, and the latest cutoff of all (a constant bound lets the planner scan only old rows). */
    static Map<String, Object> common(Plan plan) {
        Instant max = plan.tenants().stream().map(TenantCutoff::cutoff).max(Instant::compareTo).orElse(Instant.EPOCH);
        return Map.of(Statements.MAX_CUTOFF, OffsetDateTime.ofInstant(max, ZoneOffset.UTC),
                Statements.ZONE, plan.timeZone());
    }
}
