package dev.retentioncleanup.guard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code --max-database-size}: {@code pg_database_size(current_database())} plus pg_wal. Deleting rows frees
 * no disk (the space is reused later, after vacuum); it costs WAL first, so a disk close to full gets fuller.
 */
public final class DatabaseSize implements Guard<DatabaseSize.Reading> {
    public static final String NAME = "database_size";

    private final long limit;

    public record Reading(long databaseBytes, long walBytes) {
        public long total() {
            return databaseBytes + walBytes;
        }
    }

    public DatabaseSize(long limitBytes) {
        this.limit = limitBytes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String flag() {
        return "--max-database-size";
    }

    @Override
    public Reading read(Connection connection) throws SQLException {
        long wal = WalSize.walDirBytes(connection, flag());
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_database_size(current_database())");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return new Reading(rows.getLong(1), wal);
        }
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
    public Verdict verdict(Reading reading) {
        long total = reading.total();
        if (total <= limit) {
            return Verdict.proceed(NAME, total, limit);
        }
        return Verdict.pause(NAME, total, limit, "database " + Amounts.bytes(reading.databaseBytes()) + " + pg_wal "
                + Amounts.bytes(reading.walBytes()) + " = " + Amounts.bytes(total) + ", above " + flag() + " "
                + Amounts.bytes(limit));
    }
}
