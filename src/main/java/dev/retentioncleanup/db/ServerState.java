package dev.retentioncleanup.db;

import static org.jooq.impl.DSL.field;

import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.impl.DSL;

/**
 * What the server says about writability, read before anything is touched (exit 6 when not writable).
 *
 * @param inRecovery           {@code pg_is_in_recovery()}: a standby
 * @param defaultReadOnly      {@code default_transaction_read_only} for this session (e.g. set by a
 *                             provider on a full disk, or per database/role)
 */
public record ServerState(boolean inRecovery, boolean defaultReadOnly) {

    public static ServerState read(Connection connection) throws SQLException {
        return Sql.first(connection, DSL.select(field("pg_is_in_recovery()"),
                field("current_setting('default_transaction_read_only')::boolean")),
                row -> new ServerState(row.getBoolean(1), row.getBoolean(2)));
    }

    public boolean writable() {
        return !inRecovery && !defaultReadOnly;
    }

    /** Why not writable, for the exit-6 message; empty when writable. */
    public String notWritableReason() {
        if (inRecovery) {
            return "the server is a standby (pg_is_in_recovery() is true)";
        }
        return defaultReadOnly ? "default_transaction_read_only is on for this database/role" : "";
    }
}
