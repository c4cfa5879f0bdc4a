package dev.retentioncleanup.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Server-wide WAL written between two readings of {@code pg_current_wal_insert_lsn()}: the insert position,
 * not the write position, which lags behind with {@code synchronous_commit = off} and would read as zero for
 * short runs.
 */
final class WalMeter {
    private final String startLsn;

    private WalMeter(String startLsn) {
        this.startLsn = startLsn;
    }

    static WalMeter start(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
            rows.next();
            return new WalMeter(rows.getString(1));
        }
    }

    long bytesSinceStart(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), ?::pg_lsn)::bigint")) {
            statement.setString(1, startLsn);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
