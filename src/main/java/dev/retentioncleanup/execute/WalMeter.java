package dev.retentioncleanup.execute;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.val;

import dev.retentioncleanup.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;

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
        return new WalMeter(Sql.value(connection, field("pg_current_wal_insert_lsn()::text", String.class)));
    }

    long bytesSinceStart(Connection connection) throws SQLException {
        return Sql.value(connection,
                field("pg_wal_lsn_diff(pg_current_wal_insert_lsn(), {0}::pg_lsn)::bigint", Long.class, val(startLsn)));
    }
}
