package dev.retentioncleanup.execute;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * One run at a time per config: a session-level advisory lock on a connection held for the whole run.
 * The key is derived from the resolved policy and target tables, so two copies of one config in
 * different files still exclude each other, while unrelated configs do not.
 */
public final class AdvisoryLock implements AutoCloseable {
    private final Connection connection;
    private final long key;

    private AdvisoryLock(Connection connection, long key) {
        this.connection = connection;
        this.key = key;
    }

    /** @return the held lock, or null when another session holds it (never waits) */
    public static AdvisoryLock tryAcquire(Connection connection, long key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, key);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1) ? new AdvisoryLock(connection, key) : null;
            }
        }
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

    @Override
    public void close() throws SQLException {
        if (connection.isClosed()) {
            return; // the server released it with the session
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            statement.setLong(1, key);
            statement.execute();
        }
    }
}
