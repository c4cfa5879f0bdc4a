package dev.retentioncleanup.guard;

import dev.retentioncleanup.config.Setting;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One signal that can hold the run back: a reader (SQL, or the file system for the pause file) and a
 * pure verdict on what it read. Readers may keep state between readings (the WAL rate keeps a window of
 * samples); verdicts never touch the database, so they are unit-tested on readings alone.
 *
 * @param <R> what one reading holds
 */
public interface Guard<R> {
    /** Short snake_case name used in the log, the report's {@code guard_events} and metrics, e.g. "wal_size". */
    String name();

    /** The setting that turns this guard on (declared next to it, listed by {@link GuardRegistry}). */
    Setting<?> setting();

    /** The flag that set this guard, e.g. "--max-wal-size", for messages that tell the user what to change. */
    default String flag() {
        return setting().flag();
    }

    /**
     * Reads the signal now.
     *
     * @throws UnreadableSignalException when this role may not read it (fail closed: the run must not start)
     * @throws SQLException              anything else; the guard then pauses the run until it reads again
     */
    R read(Connection connection) throws SQLException;

    Verdict verdict(R reading);

    /** False for signals read from outside the database (the pause file): no connection is taken for them. */
    default boolean needsConnection() {
        return true;
    }

    /**
     * Whether the WAL the server writes moves this signal up (pg_wal, the archive backlog, slot lag, database
     * size). A reading of such a signal is reused only while {@link #afterWal} keeps it within its limit, so a
     * fast run cannot write its way past the limit between two readings.
     */
    default boolean growsWithWal() {
        return false;
    }

    /**
     * The reading as it would be had {@code wal} been written after it and nothing else changed: the most the
     * signal can have grown. Only called when {@link #growsWithWal()}; pure, so it is tested on readings alone.
     */
    default R afterWal(R reading, WalWritten wal) {
        return reading;
    }

    /**
     * Whether a reading may be reused for {@code --guard-interval}. The WAL rate says no: pacing needs the
     * WAL position at the moment the next batch would start, and reading it is one trivial function call.
     */
    default boolean cacheable() {
        return true;
    }
}
