package dev.retentioncleanup.db;

/**
 * The server could not be reached or refused the login. The message is one line naming host, port,
 * database, user and the server's (or network's) reason; it maps to exit 1.
 */
public class DatabaseUnavailableException extends RuntimeException {
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
