package dev.retentioncleanup.execute;

import dev.retentioncleanup.plan.Plan;
import dev.retentioncleanup.plan.TenantCutoff;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.postgresql.copy.CopyIn;

/**
 * The plan's tenants and cutoffs, kept on the server in a temporary table of each session that runs batches. A
 * statement then binds only the run's zone and the bound on all cutoffs, however many tenants there are: a million
 * tenants bound as arrays cost the heap two copies of their text on every statement, the temporary table costs it
 * one stream per session. A session-level setting names the plan whose cutoffs the table holds, so a new session
 * (after a reconnect) or a rolled-back fill is noticed and the table filled again.
 */
final class CutoffTable implements Cutoffs {
    static final String NAME = "retention_cleanup_cutoffs";
    private static final String MARKER = "retention_cleanup.cutoffs";
    private static final int CHUNK = 64 * 1024;

    private final Plan plan;
    private final String token = UUID.randomUUID().toString();
    private final Map<String, Object> common;

    CutoffTable(Plan plan) {
        this.plan = plan;
        this.common = Cutoffs.common(plan);
    }

    /** The temporary table, for statements; it exists on a session once {@link #bind} has run there. */
    static Table<?> table() {
        return DSL.table(DSL.name("pg_temp", NAME)).as("c");
    }

    @Override
    public Table<?> source() {
        return table();
    }

    /** Makes sure this session's table holds the plan's cutoffs. */
    @Override
    public Map<String, Object> bind(Connection connection) throws SQLException {
        ensure(connection);
        return common;
    }

    /** In the connection's current transaction (or autocommit); a rollback undoes the fill and its marker alike. */
    private void ensure(Connection connection) throws SQLException {
        try (PreparedStatement marker = connection.prepareStatement("SELECT current_setting(?, true)")) {
            marker.setString(1, MARKER);
            try (ResultSet rows = marker.executeQuery()) {
                if (rows.next() && token.equals(rows.getString(1))) {
                    return;
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS pg_temp." + NAME);
            statement.execute("CREATE TEMPORARY TABLE " + NAME + " (tenant text PRIMARY KEY, cutoff timestamptz NOT NULL)");
        }
        fill(connection);
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE pg_temp." + NAME); // the planner should know how many tenants it joins
        }
        try (PreparedStatement marker = connection.prepareStatement("SELECT set_config(?, ?, false)")) {
            marker.setString(1, MARKER);
            marker.setString(2, token);
            marker.executeQuery().close();
        }
    }

    private void fill(Connection connection) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY pg_temp." + NAME + " (tenant, cutoff) FROM STDIN");
        try {
            ByteArrayOutputStream chunk = new ByteArrayOutputStream(CHUNK + 1024);
            for (TenantCutoff tenant : plan.tenants()) {
                chunk.writeBytes(line(tenant).getBytes(StandardCharsets.UTF_8));
                if (chunk.size() >= CHUNK) {
                    copy.writeToCopy(chunk.toByteArray(), 0, chunk.size());
                    chunk.reset();
                }
            }
            copy.writeToCopy(chunk.toByteArray(), 0, chunk.size());
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** One row of COPY's text format: backslash, tab and line breaks in a tenant key are escaped. */
    static String line(TenantCutoff tenant) {
        String key = tenant.tenant().replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                .replace("\r", "\\r");
        return key + '\t' + tenant.cutoff() + '\n';
    }
}
