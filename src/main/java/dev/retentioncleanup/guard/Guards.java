package dev.retentioncleanup.guard;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guards the user set, asked together before every batch. Readings are reused for {@code --guard-interval}
 * (per guard, by the injected clock), so checking before every batch costs nothing measurable; at most one
 * pooled connection is taken per check, and only when some reading is due or a guarded signal grows with WAL.
 *
 * <p>A reading of a signal that WAL grows (pg_wal, the archive backlog, slot lag, database size) is reused only
 * while it stays within its limit with the WAL written since added ({@link Guard#afterWal}); the WAL position is
 * one trivial function call before every batch. So a run that writes a segment a second stops within one batch
 * of a small limit however long the interval, instead of writing on, blind, until the next reading.
 *
 * <p>Failing to read is never "fine": permission denied stops the run (fail closed); any other error pauses it,
 * so a monitoring hiccup costs a retry and a persistent one ends in a guard stop after {@code --guard-wait}.
 */
public final class Guards {
    private static final Logger LOG = LoggerFactory.getLogger(Guards.class);
    private final List<Cached<?>> guards;
    private final Clock clock;
    private final Duration interval;

    private Guards(List<Guard<?>> guards, Clock clock, Duration interval) {
        this.guards = guards.stream().<Cached<?>>map(Cached::new).toList();
        this.clock = clock;
        this.interval = interval;
    }

    public static Guards of(List<Guard<?>> guards, Clock clock, Duration interval) {
        return new Guards(List.copyOf(guards), clock, interval);
    }

    public static Guards none() {
        return new Guards(List.of(), Clock.systemUTC(), Duration.ZERO);
    }

    public boolean isEmpty() {
        return guards.isEmpty();
    }

    public List<String> names() {
        return guards.stream().map(c -> c.guard.name()).toList();
    }

    /** Every guard's verdict now, from a cached reading where one is fresh enough. */
    public Assessment check(DataSource dataSource) {
        Instant now = clock.instant();
        List<Verdict> verdicts = new ArrayList<>();
        try (Session session = new Session(dataSource)) {
            for (Cached<?> cached : guards) {
                verdicts.add(cached.verdictAt(now, interval, session));
            }
        }
        return new Assessment(verdicts);
    }

    /** Reads each guard once on {@code connection}; the ones this role cannot read, with what is missing. */
    public List<Problem> unreadable(Connection connection) {
        List<Problem> problems = new ArrayList<>();
        Instant now = clock.instant();
        Session session = new Session(connection);
        for (Cached<?> cached : guards) {
            try {
                cached.readAndJudge(connection, now, session.walPosition(cached.guard));
            } catch (SQLException e) {
                problems.add(new Problem(cached.guard.name(), describe(cached.guard, e)));
            }
        }
        return problems;
    }

    /**
     * The verdict on an earlier reading of a signal WAL grows, if that reading may stand: no WAL since, or still
     * within the limit with the WAL since added. Empty: read it again now, because the WAL written since may have
     * taken the signal over its limit (the projection is a bound, never a verdict of its own: a fresh reading
     * decides). Positions unknown (null): cannot tell, read again.
     */
    static <R> Optional<Verdict> reusable(Guard<R> guard, R reading, Long positionAtReading, Long positionNow) {
        if (positionAtReading == null || positionNow == null) {
            return Optional.empty();
        }
        WalWritten since = new WalWritten(positionAtReading, positionNow);
        if (since.bytes() == 0) {
            return Optional.of(guard.verdict(reading));
        }
        Verdict projected = guard.verdict(guard.afterWal(reading, since));
        return projected.proceeds() ? Optional.of(projected) : Optional.empty();
    }

    /** A guard that cannot be read, and why, naming the missing privilege when that is the reason. */
    public record Problem(String guard, String message) {
    }

    /** All verdicts of one check. */
    public record Assessment(List<Verdict> verdicts) {
        public Assessment {
            verdicts = List.copyOf(verdicts);
        }

        public Optional<Verdict> stop() {
            return verdicts.stream().filter(Verdict::stops).findFirst();
        }

        public List<Verdict> pauses() {
            return verdicts.stream().filter(Verdict::pauses).toList();
        }

        public boolean proceeds() {
            return verdicts.stream().allMatch(Verdict::proceeds);
        }

        /** The longest pause any guard can predict (pacing); ZERO when none can. */
        public Duration expectedWait() {
            return pauses().stream().map(Verdict::expectedWait).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
        }
    }

    static Verdict failed(Guard<?> guard, SQLException e) {
        String why = describe(guard, e);
        return isPermission(e) ? Verdict.stop(guard.name(), 0, 0, why) : Verdict.pause(guard.name(), 0, 0, why);
    }

    static String describe(Guard<?> guard, SQLException e) {
        if (e instanceof UnreadableSignalException) {
            return e.getMessage();
        }
        String first = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
        if (isPermission(e)) {
            return guard.flag() + " cannot read its signal: " + first
                    + "; missing privilege, usually pg_monitor (GRANT pg_monitor TO this role)";
        }
        return guard.flag() + " cannot read its signal: " + first;
    }

    static boolean isPermission(SQLException e) {
        return Privileges.INSUFFICIENT_PRIVILEGE.equals(e.getSQLState());
    }

    /**
     * What one check needs from the server, taken on first use: one connection (pooled, or the probe's own) and
     * the WAL position, read once per check.
     */
    private static final class Session implements AutoCloseable {
        private final DataSource dataSource;
        private Connection connection;
        private SQLException failure;
        private boolean positionRead;
        private Long position;

        Session(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /** The probe's connection: the caller's to close. */
        Session(Connection connection) {
            this.dataSource = null;
            this.connection = connection;
        }

        Connection connection() throws SQLException {
            if (connection == null && failure == null) {
                try {
                    connection = dataSource.getConnection();
                } catch (SQLException e) {
                    failure = e;
                }
            }
            if (connection == null) {
                throw failure;
            }
            return connection;
        }

        /** The WAL position now, for a guard whose signal WAL grows; null for others, or when it cannot be read. */
        Long walPosition(Guard<?> guard) {
            if (!guard.growsWithWal()) {
                return null;
            }
            if (!positionRead) {
                positionRead = true;
                try {
                    position = WalPosition.INSERT.read(connection());
                } catch (SQLException e) {
                    LOG.debug("could not read the WAL position: {}", e.getMessage());
                }
            }
            return position;
        }

        @Override
        public void close() {
            if (dataSource != null && connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // a broken pooled connection is evicted by the pool
                }
            }
        }
    }

    /** One guard, its last good reading, and the WAL position when it was taken. */
    private static final class Cached<R> {
        final Guard<R> guard;
        R reading;
        Instant readAt;
        Long positionAtReading;

        Cached(Guard<R> guard) {
            this.guard = guard;
        }

        Verdict verdictAt(Instant now, Duration interval, Session session) {
            if (fresh(now, interval)) {
                Optional<Verdict> reused = guard.growsWithWal()
                        ? reusable(guard, reading, positionAtReading, session.walPosition(guard))
                        : Optional.of(guard.verdict(reading));
                if (reused.isPresent()) {
                    return reused.get();
                }
            }
            try {
                Connection connection = guard.needsConnection() ? session.connection() : null;
                // The position first: WAL written while the guard reads counts twice at worst, never not at all.
                return readAndJudge(connection, now, session.walPosition(guard));
            } catch (SQLException e) {
                return failed(guard, e);
            }
        }

        private boolean fresh(Instant now, Duration interval) {
            return guard.cacheable() && readAt != null && Duration.between(readAt, now).compareTo(interval) < 0;
        }

        Verdict readAndJudge(Connection connection, Instant now, Long position) throws SQLException {
            R fresh = guard.read(connection);
            reading = fresh;
            readAt = now;
            positionAtReading = position;
            return guard.verdict(fresh);
        }
    }
}
