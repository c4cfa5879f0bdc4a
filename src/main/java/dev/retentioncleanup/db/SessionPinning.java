package dev.retentioncleanup.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.impl.DSL;

/**
 * Whether a connection keeps one server session across its transactions, as the run's session advisory lock, its
 * session settings and pgjdbc's server-side prepared statements need. A pooler in transaction or statement mode
 * (PgBouncer, and others like it) hands each transaction to whichever server session is free, and nothing in the
 * protocol says so; {@code SHOW} and {@code application_name} pass through to the server. So this watches the
 * behaviour: while other connections hold transactions open, one connection's idle server session must stay its
 * own ({@code pg_backend_pid()} unchanged, never handed to a holder). A pooler reuses the session a connection
 * just released for the next holder (PgBouncer's default, LIFO) or moves that connection to another session
 * (round robin); the second holder covers round robin with exactly two idle sessions. A pooler in statement mode
 * refuses the holder's transaction outright.
 */
public final class SessionPinning {
    /** Connections the probe holds at once: its own and two holders. */
    public static final int CONNECTIONS = 3;

    /** What PgBouncer answers a transaction block with in statement mode (then it closes the connection). */
    private static final String PROTOCOL_VIOLATION = "08P01";
    /**
     * pgjdbc names its server-side statements S_1, S_2, … per connection; in a shared server session they collide
     * with another connection's (42P05) or are gone (26000).
     */
    private static final List<String> FOREIGN_PREPARED_STATEMENTS = List.of("42P05", "26000");
    private static final String CONSEQUENCE = "; session advisory locks, session settings and server-side prepared"
            + " statements cannot work there: connect to PostgreSQL directly or through a pool in session mode";
    private static final String TRANSACTION_MODE = "a connection pooler in transaction mode is in between (server"
            + " sessions pass from one connection to another between transactions)" + CONSEQUENCE;

    private SessionPinning() {
    }

    /** Why sessions are not pinned, as one line; empty when they are. Needs {@link #CONNECTIONS} at once. */
    public static Optional<String> problem(DataSource dataSource) throws SQLException {
        try (Connection probe = dataSource.getConnection();
                Connection first = dataSource.getConnection();
                Connection second = dataSource.getConnection()) {
            probe.setAutoCommit(true);
            int session = backendPid(probe);
            for (Connection holder : List.of(first, second)) {
                holder.setAutoCommit(false); // its transaction stays open until close() rolls it back
                if (backendPid(holder) == session || backendPid(probe) != session) {
                    return Optional.of(TRANSACTION_MODE);
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            if (PROTOCOL_VIOLATION.equals(e.getSQLState())) {
                return Optional.of("a connection pooler in statement mode is in between (the server refused a"
                        + " transaction: " + ConnectFailures.reason(e) + ")" + CONSEQUENCE);
            }
            if (FOREIGN_PREPARED_STATEMENTS.contains(e.getSQLState())) {
                return Optional.of(TRANSACTION_MODE);
            }
            throw e;
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        return Sql.value(connection, DSL.field("pg_backend_pid()", Integer.class));
    }
}
