package dev.retentioncleanup.execute;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection of the batch running now, so a shutdown can cancel it from another thread. Cancelling uses
 * the driver's cancel request (what {@code Statement.cancel} sends; the server answers it like
 * {@code pg_cancel_backend}): the running statement fails with 57014, the transaction rolls back, and no half
 * batch is ever committed. Once we have cancelled, the batch loop must not retry that 57014 as transient.
 */
public final class InFlightBatch {
    private static final Logger LOG = LoggerFactory.getLogger(InFlightBatch.class);

    private final AtomicReference<Connection> current = new AtomicReference<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    void begin(Connection connection) {
        current.set(connection);
    }

    void end(Connection connection) {
        current.compareAndSet(connection, null);
    }

    public boolean running() {
        return current.get() != null;
    }

    /** Whether a shutdown cancelled (or asked to cancel) a batch: its errors are ours, not the server's. */
    public boolean cancelled() {
        return cancelled.get();
    }

    /** Cancels the running statement of the batch in flight, if any; safe to call repeatedly and from any thread. */
    public void cancel() {
        cancelled.set(true);
        Connection connection = current.get();
        if (connection == null) {
            return;
        }
        try {
            connection.unwrap(PGConnection.class).cancelQuery();
            LOG.warn("cancelled the running batch (shutdown grace is over); it rolls back and is not retried");
        } catch (SQLException e) {
            LOG.warn("could not cancel the running batch: {}", e.getMessage());
        }
    }
}
