package dev.retentioncleanup.db;

import java.sql.SQLException;

/** A unit of database work that {@link Retry} may run more than once; it must get its own connection. */
@FunctionalInterface
public interface SqlWork<T> {
    T run() throws SQLException;
}
