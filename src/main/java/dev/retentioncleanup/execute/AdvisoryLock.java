package dev.retentioncleanup.execute;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run at a time per config: a session-level advisory lock on a connection held for the whole run.
 * The key is derived from the resolved policy and target tables, so two copies of one config in
 * different files still exclude each other, while unrelated configs do not.
 *
 * <p>The server releases a session lock when the session ends, also when a restart or
 * {@code pg_terminate_backend} ends it while the batch loop reconnects and carries on. So before each
 * batch the loop asks {@link #ensureHeld}: the lock is taken again on a fresh pooled connection if its
 * session is gone, and the run stops if another run took it meanwhile.
 */
public final class AdvisoryLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdvisoryLock.class);
    private static final int VALIDATION_SECONDS = 5;

    private final long key;
    /** The session holding the lock: the job's own at first, a re-acquired pooled one after a loss. */
    private Connection holder;
    /** A connection this lock took from the pool after the first session was lost; ours to close. */
    private Connection reacquired;

    private AdvisoryLock(Connection holder, long key) {
        this.holder = holder;
        this.key = key;
    }

    /** @return the held lock, or null when another session holds it (never waits) */
    public static AdvisoryLock tryAcquire(Connection connection, long key) throws SQLException {
        return tryLock(connection, key) ? new AdvisoryLock(connection, key) : null;
    }

    private static boolean tryLock(Connection connection, long key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, key);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    /**
     * @return true while this run holds the lock (taking it again if the holding session ended), false when
     *         another run holds it now
     * @throws SQLException when the server cannot be reached to take it again (transient: the caller retries)
     */
    public boolean ensureHeld(DataSource dataSource) throws SQLException {
        if (!holder.isClosed() && holder.isValid(VALIDATION_SECONDS)) {
            return true; // the session lives, so its lock does: only our unlock releases it
        }
        Connection fresh = dataSource.getConnection();
        boolean held = false;
        try {
            held = tryLock(fresh, key);
        } finally {
            if (!held) {
                fresh.close();
            }
        }
        if (!held) {
            return false;
        }
        LOG.warn("the session holding the run lock ended; took the lock again on a new connection");
        closeQuietly(reacquired);
        reacquired = fresh;
        holder = fresh;
        return true;
    }

    /** A stable 64-bit key from the names that identify the job (SHA-256, first 8 bytes). */
    public static long keyFor(List<String> identity) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(("retention-cleanup\n" + String.join("\n", identity))
                    .getBytes(StandardCharsets.UTF_8));
            long key = 0;
            for (int i = 0; i < 8; i++) {
                key = (key << 8) | (digest[i] & 0xff);
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    public long key() {
        return key;
    }

    /**
     * Unlocks best-effort: if the session is already gone, so is the lock, and a run whose batches all
     * committed must not be reported failed because the goodbye did not reach the server.
     */
    @Override
    public void close() {
        try {
            if (!holder.isClosed()) {
                try (PreparedStatement statement = holder.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    statement.setLong(1, key);
                    statement.execute();
                }
            }
        } catch (SQLException e) {
            LOG.debug("could not release the run lock (the server releases it with the session): {}", e.getMessage());
        } finally {
            closeQuietly(reacquired);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // returning a broken connection to the pool: Hikari evicts it
        }
    }
}
