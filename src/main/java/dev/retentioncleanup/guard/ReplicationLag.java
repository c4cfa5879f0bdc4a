package dev.retentioncleanup.guard;

import dev.retentioncleanup.config.Parsers;
import dev.retentioncleanup.config.Setting;
import dev.retentioncleanup.config.Units;
import dev.retentioncleanup.config.Written;
import dev.retentioncleanup.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jooq.impl.DSL;

/**
 * {@code --max-replication-lag}: the worst {@code pg_stat_replication.replay_lag} among connected standbys.
 * Other roles' walsender rows show NULLs without pg_read_all_stats (part of pg_monitor), which would read as
 * "no lag", so the role is required up front. A NULL lag on a visible row means the standby has caught up
 * and is idle (PostgreSQL clears it then): zero.
 */
public final class ReplicationLag extends LimitGuard<ReplicationLag.Reading> {
    public static final String NAME = "replication_lag";
    /** {@code --max-replication-lag}: turns this guard on; its flag, variable, file key, label and help. */
    public static final Setting<Written<Duration>> SETTING = Setting.limit("max-replication-lag", "DURATION",
            Parsers::positiveDuration, "Pause while a standby's replay_lag exceeds this (needs pg_monitor).");

    public record Replica(String name, Duration replayLag) {
    }

    public record Reading(List<Replica> replicas) {
        public Reading {
            replicas = List.copyOf(replicas);
        }

        public Duration worst() {
            return replicas.stream().map(Replica::replayLag).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
        }
    }

    public ReplicationLag(Written<Duration> limit) {
        super(NAME, SETTING, seconds(limit.value()), limit.text());
    }

    @Override
    public Reading read(Connection connection) throws SQLException {
        if (!Privileges.hasRole(connection, "pg_read_all_stats")) {
            String user = Privileges.currentUser(connection);
            throw new UnreadableSignalException(flag() + " needs pg_stat_replication's lag columns, which role " + user
                    + " cannot see: missing privilege pg_monitor (GRANT pg_monitor TO " + user
                    + ", or pg_read_all_stats)");
        }
        List<Replica> replicas = new ArrayList<>();
        Sql.forEach(connection, DSL.resultQuery("SELECT coalesce(nullif(application_name, ''), client_addr::text,"
                + " pid::text), (extract(epoch FROM replay_lag) * 1000)::bigint FROM pg_stat_replication ORDER BY 1"),
                row -> {
                    long millis = row.getLong(2);
                    replicas.add(new Replica(row.getString(1), row.wasNull() ? Duration.ZERO : Duration.ofMillis(millis)));
                });
        return new Reading(replicas);
    }

    @Override
    protected double value(Reading reading) {
        return seconds(reading.worst());
    }

    @Override
    protected String over(Reading reading) {
        Replica replica = reading.replicas().stream().max(Comparator.comparing(Replica::replayLag)).orElseThrow();
        return "standby " + replica.name() + " replays " + Units.elapsed(replica.replayLag()) + " behind";
    }
}
