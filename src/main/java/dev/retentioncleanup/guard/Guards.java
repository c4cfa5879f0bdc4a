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

/**
 * The guards the user set, asked together before every batch. Readings are reused for {@code --guard-interval}
 * (per guard, by the injected clock), so checking before every batch costs nothing measurable; at most one
 * pooled connection is taken per check, and only when some reading is due.
 *
 * <p>Failing to read is never "fine": permission denied stops the run (fail closed); any other error pauses it,
 * so a monitoring hiccup costs a retry and a persistent one ends in a guard stop after {@code --guard-wait}.
 */
public final class Guards {
    private final List<Cached<?>> guards;
    private final Clock clock;
    private final Duration interval;

    private Guards(List<Guard<?>> guards, Clock clock, Duration interval) {
        this.guards = guards.stream().<Cached<?>>map(Guards::cached).toList();
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
        Connection connection = null;
        SQLException connectFailure = null;
        try {
            for (Cached<?> cached : guards) {
                if (cached.fresh(now, interval)) {
                    verdicts.add(cached.verdict());
                    continue;
                }
                if (cached.guard.needsConnection() && connection == null && connectFailure == null) {
                    try {
                        connection = dataSource.getConnection();
                    } catch (SQLException e) {
                        connectFailure = e;
                    }
                }
                if (cached.guard.needsConnection() && connection == null) {
                    verdicts.add(failed(cached.guard, connectFailure));
                    continue;
                }
                try {
                    verdicts.add(cached.readAndJudge(connection, now));
                } catch (SQLException e) {
                    verdicts.add(failed(cached.guard, e));
                }
            }
        } finally {
            closeQuietly(connection);
        }
        return new Assessment(verdicts);
    }

    /** Reads each guard once on {@code connection}; the ones this role cannot read, with what is missing. */
    public List<Problem> unreadable(Connection connection) {
        List<Problem> problems = new ArrayList<>();
        Instant now = clock.instant();
        for (Cached<?> cached : guards) {
            try {
                cached.readAndJudge(connection, now);
            } catch (SQLException e) {
                problems.add(new Problem(cached.guard.name(), cached.guard.flag(), describe(cached.guard, e)));
            }
        }
        return problems;
    }

    /** A guard that cannot be read, and why, naming the missing privilege when that is the reason. */
    public record Problem(String guard, String flag, String message) {
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

    private static <R> Cached<R> cached(Guard<R> guard) {
        return new Cached<>(guard);
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

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // a broken pooled connection is evicted by the pool
            }
        }
    }

    /** One guard and its last good reading. */
    private static final class Cached<R> {
        final Guard<R> guard;
        R reading;
        Instant readAt;

        Cached(Guard<R> guard) {
            this.guard = guard;
        }

        boolean fresh(Instant now, Duration interval) {
            return guard.cacheable() && readAt != null && Duration.between(readAt, now).compareTo(interval) < 0;
        }

        Verdict verdict() {
            return guard.verdict(reading);
        }

        Verdict readAndJudge(Connection connection, Instant now) throws SQLException {
            R fresh = guard.read(connection);
            reading = fresh;
            readAt = now;
            return guard.verdict(fresh);
        }
    }
}
