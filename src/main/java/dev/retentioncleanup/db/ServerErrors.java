package dev.retentioncleanup.db;

import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** What the server said about an error beyond its first line. */
public final class ServerErrors {
    private ServerErrors() {
    }

    /**
     * The server's context of the error, first line only, e.g. {@code while deleting tuple (0,1) in relation
     * "email_events"} for a lock timeout: which table the statement was waiting on.
     */
    public static Optional<String> context(SQLException e) {
        if (e instanceof PSQLException psql) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            if (server != null && server.getWhere() != null && !server.getWhere().isBlank()) {
                return server.getWhere().lines().findFirst();
            }
        }
        return Optional.empty();
    }
}
