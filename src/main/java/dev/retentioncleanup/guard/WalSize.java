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
 * {@code --max-wal-size}: the total size of pg_wal ({@code pg_ls_waldir()}, superuser or pg_monitor). It is
 * what fills the disk when archiving or a slot holds WAL back; pausing lets checkpoints recycle segments.
 */
public final class WalSize extends LimitGuard<WalSize.Reading> {
    public static final String NAME = "wal_size";
    /** {@code --max-wal-size}: turns this guard on; its flag, variable, file key, label and help. */
    public static final Setting<Written<Long>> SETTING = Setting.limit("max-wal-size", "SIZE", Parsers::size,
            "Pause while pg_wal holds more than this (pg_ls_waldir(); needs pg_monitor).");
    static final String FUNCTION = "pg_ls_waldir()";

    public record Reading(long bytes) {
    }

    public WalSize(Written<Long> limit) {
        super(NAME, SETTING, limit.value(), limit.text());
    }

    @Override
    public Reading read(Connection connection) throws SQLException {
        return new Reading(walDirBytes(connection, flag()));
    }

    /** Shared with {@link DatabaseSize}, which counts WAL too. */
    static long walDirBytes(Connection connection, String flag) throws SQLException {
        Privileges.requireExecute(connection, FUNCTION, flag);
        return Sql.first(connection, DSL.resultQuery("SELECT coalesce(sum(size), 0)::bigint FROM pg_ls_waldir()"),
                row -> row.getLong(1));
    }

    @Override
    public boolean growsWithWal() {
        return true;
    }

    /** Every byte of new WAL may be a byte of a new segment file (recycled segments make it less, never more). */
    @Override
    public Reading afterWal(Reading reading, WalWritten wal) {
        return new Reading(reading.bytes() + wal.bytes());
    }

    @Override
    protected double value(Reading reading) {
        return reading.bytes();
    }

    @Override
    protected String over(Reading reading) {
        return "pg_wal holds " + Units.bytes(reading.bytes());
    }
}
