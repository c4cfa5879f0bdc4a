package dev.retentioncleanup.db;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/** Which SQL errors are worth retrying: the server or network hiccupped, not our statement. */
public final class TransientErrors {
    private static final Set<String> STATES = Set.of(
            "57P01", // admin_shutdown (also pg_terminate_backend)
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now (starting up, recovering)
            "40001", // serialization_failure
            "40P01", // deadlock_detected
            "55P03", // lock_not_available (lock_timeout)
            "57014", // query_canceled (statement_timeout; the caller may shrink the batch)
            "53300"); // too_many_connections

    private TransientErrors() {
    }

    public static boolean isTransient(SQLException e) {
        return transientState(e).isPresent();
    }

    /**
     * The first transient SQLState in the exception, its {@code getNextException} chain and causes
     * (pgjdbc puts the server's error behind a BatchUpdateException; Hikari wraps the driver's).
     */
    public static Optional<String> transientState(Throwable e) {
        return find(e, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static Optional<String> find(Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return Optional.empty();
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state != null && (state.startsWith("08") || STATES.contains(state))) {
                return Optional.of(state);
            }
            Optional<String> next = find(sql.getNextException(), seen);
            if (next.isPresent()) {
                return next;
            }
        }
        return find(t.getCause(), seen);
    }
}
