package dev.retentioncleanup.guard;

import java.sql.SQLException;

/**
 * This role may not read a guard's signal. Never retried (SQLState 42501, insufficient_privilege): a guard
 * the user asked for but that cannot see is no guard, so the run must not delete (fail closed).
 */
public final class UnreadableSignalException extends SQLException {
    private static final long serialVersionUID = 1L;

    public UnreadableSignalException(String message, Throwable cause) {
        super(message, Privileges.INSUFFICIENT_PRIVILEGE, cause);
    }

    public UnreadableSignalException(String message) {
        this(message, null);
    }
}
