package dev.retentioncleanup.guard;

import dev.retentioncleanup.config.Parsers;
import dev.retentioncleanup.config.Setting;
import dev.retentioncleanup.config.Units;
import dev.retentioncleanup.config.Written;
import dev.retentioncleanup.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.impl.DSL;

/**
 * {@code --max-database-size}: {@code pg_database_size(current_database())} plus pg_wal. Deleting rows frees
 * no disk (the space is reused later, after vacuum); it costs WAL first, so a disk close to full gets fuller.
 */
public final class DatabaseSize extends LimitGuard<DatabaseSize.Reading> {
    public static final String NAME = "database_size";
    /** {@code --max-database-size}: turns this guard on; its flag, variable, file key, label and help. */
    public static final Setting<Written<Long>> SETTING = Setting.limit("max-database-size", "SIZE", Parsers::size,
            "Pause while the database plus pg_wal is larger than this (needs pg_monitor).");

    public record Reading(long databaseBytes, long walBytes) {
        public long total() {
            return databaseBytes + walBytes;
        }
    }

    public DatabaseSize(Written<Long> limit) {
        super(NAME, SETTING, limit.value(), limit.text());
    }

    @Override
    public Reading read(Connection connection) throws SQLException {
        long wal = WalSize.walDirBytes(connection, flag());
        return new Reading(Sql.value(connection, DSL.field("pg_database_size(current_database())", Long.class)), wal);
    }

    @Override
    public boolean growsWithWal() {
        return true;
    }

    /** Deletes do not grow the tables, but their WAL may grow pg_wal byte for byte. */
    @Override
    public Reading afterWal(Reading reading, WalWritten wal) {
        return new Reading(reading.databaseBytes(), reading.walBytes() + wal.bytes());
    }

    @Override
    protected double value(Reading reading) {
        return reading.total();
    }

    @Override
    protected String over(Reading reading) {
        return "database " + Units.bytes(reading.databaseBytes()) + " + pg_wal " + Units.bytes(reading.walBytes())
                + " = " + Units.bytes(reading.total());
    }
}
