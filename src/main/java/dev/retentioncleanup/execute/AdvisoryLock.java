package dev.retentioncleanup.execute;

import dev.retentioncleanup.db.Sql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run at a time per config: session-level advisory locks on a connection held for the whole run.
 * The keys are derived from the resolved policy and target tables, so two copies of one config in
 * different files still exclude each other, while unrelated configs do not.
 *
 * <p>A run takes its {@link Claim}s all or none: an unsharded run the config's key exclusively; a shard the
 * config's key shared (so the shards of an Indexed Job run side by side, and an unsharded run, which would
 * delete the same tenants, excludes them all and they it) and its own shard's key exclusively.
 *
 * <p>The server releases session locks when the session ends, also when a restart or
 * {@code pg_terminate_backend} ends it while the batch loop reconnects and carries on. So before each
 * batch the loop asks {@link #ensureHeld}: the locks are taken again on a fresh pooled connection if their
 * session is gone, and the run stops if another run took one meanwhile.
 */
public final class AdvisoryLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdvisoryLock.class);
    private static final int VALIDATION_SECONDS = 5;

    private final List<Claim> claims;
    /** The session holding the locks: the job's own at first, a re-acquired pooled one after a loss. */
    private Connection holder;
    /** A connection this lock took from the pool after the first session was lost; ours to close. */
    private Connection reacquired;

    /**
     * One advisory lock of a run.
     *
     * @param heldBy who holds it when it cannot be taken, for the skip reason: "an unsharded run of this config"
     */
    public record Claim(long key, boolean shared, String heldBy) {
        public static Claim exclusive(long key, String heldBy) {
            return new Claim(key, false, heldBy);
        }

        public static Claim shared(long key, String heldBy) {
            return new Claim(key, true, heldBy);
        }

        boolean tryLock(Connection connection) throws SQLException {
            return call(connection, shared ? "pg_try_advisory_lock_shared({0})" : "pg_try_advisory_lock({0})");
        }

        void unlock(Connection connection) throws SQLException {
            call(connection, shared ? "pg_advisory_unlock_shared({0})" : "pg_advisory_unlock({0})");
        }

        private boolean call(Connection connection, String function) throws SQLException {
            return Sql.value(connection, DSL.field(function, Boolean.class, DSL.val(key)));
        }
    }

    /** What trying came to: every claim held ({@code lock}), or none, and the one another session holds. */
    public record Attempt(AdvisoryLock lock, Claim refused) {
    }

    private AdvisoryLock(Connection holder, List<Claim> claims) {
        this.holder = holder;
        this.claims = claims;
    }

    /** Takes every claim in order, or none (never waits). */
    public static Attempt tryAcquire(Connection connection, List<Claim> claims) throws SQLException {
        Claim refused = tryAll(connection, claims);
        return refused == null ? new Attempt(new AdvisoryLock(connection, List.copyOf(claims)), null)
                : new Attempt(null, refused);
    }

    /** @return null when all are held now; else the claim refused, with the ones taken before it released */
    private static Claim tryAll(Connection connection, List<Claim> claims) throws SQLException {
        for (int i = 0; i < claims.size(); i++) {
            if (!claims.get(i).tryLock(connection)) {
                // The session stays open (the job's, or a pooled one): what it took must not outlive this attempt.
                for (int taken = i - 1; taken >= 0; taken--) {
                    claims.get(taken).unlock(connection);
                }
                return claims.get(i);
            }
        }
        return null;
    }

    /**
     * @return true while this run holds its locks (taking them again if the holding session ended), false when
     *         another run holds one now
     * @throws SQLException when the server cannot be reached to take them again (transient: the caller retries)
     */
    public boolean ensureHeld(DataSource dataSource) throws SQLException {
        if (!holder.isClosed() && holder.isValid(VALIDATION_SECONDS)) {
            return true; // the session lives, so its locks do: only our unlock releases them
        }
        Connection fresh = dataSource.getConnection();
        boolean held = false;
        try {
            held = tryAll(fresh, claims) == null;
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

    /**
     * Unlocks best-effort: if the session is already gone, so are the locks, and a run whose batches all
     * committed must not be reported failed because the goodbye did not reach the server.
     */
    @Override
    public void close() {
        try {
            if (!holder.isClosed()) {
                for (int i = claims.size() - 1; i >= 0; i--) {
                    claims.get(i).unlock(holder);
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
