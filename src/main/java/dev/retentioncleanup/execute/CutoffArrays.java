package dev.retentioncleanup.execute;

import static dev.retentioncleanup.db.Sql.param;
import static org.jooq.impl.DSL.table;

import dev.retentioncleanup.plan.Plan;
import dev.retentioncleanup.plan.TenantCutoff;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jooq.Table;

/**
 * The plan's tenants and cutoffs bound to each statement as two parallel arrays: for the dry run, which must work
 * where nothing can be created, not even a temporary table (a standby, a read-only role). It runs a handful of
 * statements, so binding every tenant to each costs little; a run's thousands of batch statements use
 * {@link CutoffTable}.
 */
final class CutoffArrays implements Cutoffs {
    static final String TENANTS = "tenants";
    static final String CUTOFFS = "cutoffs";

    private final String[] tenants;
    private final String[] cutoffs;
    private final Map<String, Object> common;

    CutoffArrays(Plan plan) {
        this.tenants = plan.tenants().stream().map(TenantCutoff::tenant).toArray(String[]::new);
        Map<Instant, String> texts = new HashMap<>(); // few distinct cutoffs: one string each
        this.cutoffs = plan.tenants().stream().map(t -> texts.computeIfAbsent(t.cutoff(), Instant::toString))
                .toArray(String[]::new);
        this.common = Cutoffs.common(plan);
    }

    @Override
    public Table<?> source() {
        return table("unnest({0}, {1})", param(TENANTS), param(CUTOFFS)).as("c", "tenant", "cutoff");
    }

    @Override
    public Map<String, Object> bind(Connection connection) throws SQLException {
        Map<String, Object> values = new HashMap<>(common);
        values.put(TENANTS, connection.createArrayOf("text", tenants));
        values.put(CUTOFFS, connection.createArrayOf("timestamptz", cutoffs));
        return values;
    }
}
