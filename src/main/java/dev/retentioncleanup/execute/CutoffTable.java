package dev.retentioncleanup.execute;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.val;

import dev.retentioncleanup.db.Sql;
import dev.retentioncleanup.plan.Plan;
import dev.retentioncleanup.plan.TenantCutoff;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The plan's tenants and cutoffs, kept on the server in a temporary table of each session that runs batches. A
 * statement then binds only the run's zone and the bound on all cutoffs, however many tenants there are: a million
 * tenants bound as arrays cost the heap two copies of their text on every statement, the temporary table costs it
 * one stream per session. A session-level setting names the plan whose cutoffs the table holds, so a new session
 * (after a reconnect) or a rolled-back fill is noticed and the table filled again.
 */
final class CutoffTable implements Cutoffs {
    private static final Name NAME = name("pg_temp", "retention_cleanup_cutoffs");
    private static final String MARKER = "retention_cleanup.cutoffs";
    /** Read before every batch: rendered once. */
    private static final Sql MARKED = Sql.of(DSL.select(field("current_setting({0}, true)", val(MARKER))));
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
        return DSL.table(NAME).as("c");
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
        if (token.equals(MARKED.first(connection, Map.of(), row -> row.getString(1)))) {
            return;
        }
        Sql.execute(connection, DSL.dropTableIfExists(NAME));
        Sql.execute(connection, DSL.createTemporaryTable(NAME)
                .column("tenant", SQLDataType.CLOB.notNull()).column("cutoff", SQLDataType.TIMESTAMPWITHTIMEZONE.notNull())
                .primaryKey("tenant"));
        fill(connection);
        // the planner should know how many tenants it joins
        Sql.execute(connection, DSL.query("analyze {0}", DSL.table(NAME)));
        Sql.value(connection, field("set_config({0}, {1}, false)", String.class, val(MARKER), val(token)));
    }

    private void fill(Connection connection) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn(Sql.POSTGRES.render(DSL.query("copy {0} (tenant, cutoff) from stdin", DSL.table(NAME))));
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
