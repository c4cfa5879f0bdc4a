package dev.retentioncleanup.guard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The server's WAL position in bytes from 0/0, read with one trivial function call. */
enum WalPosition {
    /**
     * Where the next WAL record goes: it counts WAL the moment it is inserted, so the projection between
     * readings misses nothing that {@code synchronous_commit = off} has not flushed yet.
     */
    INSERT("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint"),
    /** How far WAL is written out: what the WAL rate has always paced. */
    WRITE("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");

    private final String sql;

    WalPosition(String sql) {
        this.sql = sql;
    }

    long read(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
