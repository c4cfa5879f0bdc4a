package dev.retentioncleanup.guard;

import dev.retentioncleanup.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.jooq.impl.DSL;

/** The server's WAL position in bytes from 0/0, read with one trivial function call. */
enum WalPosition {
    /**
     * Where the next WAL record goes: it counts WAL the moment it is inserted, so the projection between
     * readings misses nothing that {@code synchronous_commit = off} has not flushed yet.
     */
    INSERT("pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint"),
    /** How far WAL is written out: what the WAL rate has always paced. */
    WRITE("pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");

    /** Read before batches: rendered once. */
    private final Sql sql;

    WalPosition(String expression) {
        this.sql = Sql.of(DSL.select(DSL.field(expression)));
    }

    long read(Connection connection) throws SQLException {
        return sql.first(connection, Map.of(), row -> row.getLong(1));
    }
}
