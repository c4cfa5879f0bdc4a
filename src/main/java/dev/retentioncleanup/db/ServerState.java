package dev.retentioncleanup.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the server says about writability, read before anything is touched (exit 6 when not writable).
 *
 * @param inRecovery           {@code pg_is_in_recovery()}: a standby
 * @param defaultReadOnly      {@code default_transaction_read_only} for this session (e.g. set by a
 *                             provider on a full disk, or per database/role)
 * @param serverVersionNum     {@code server_version_num}, e.g. 150018
 */
public record ServerState(boolean inRecovery, boolean defaultReadOnly, int serverVersionNum) {

    public static ServerState read(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery(),"
                     + " current_setting('default_transaction_read_only')::boolean,"
                     + " current_setting('server_version_num')::int")) {
            rs.next();
            return new ServerState(rs.getBoolean(1), rs.getBoolean(2), rs.getInt(3));
        }
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
