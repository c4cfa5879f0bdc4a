package dev.retentioncleanup.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.retentioncleanup.config.BatchSize;
import dev.retentioncleanup.config.GuardSettings;
import dev.retentioncleanup.config.RunSettings;
import dev.retentioncleanup.db.ConnectionSettings;
import dev.retentioncleanup.db.DataSources;
import dev.retentioncleanup.db.DatabaseUnavailableException;
import dev.retentioncleanup.db.JdbcUrls;
import dev.retentioncleanup.db.Sleeper;
import dev.retentioncleanup.execute.BatchSizer;
import dev.retentioncleanup.execute.GracefulShutdown;
import dev.retentioncleanup.execute.InFlightBatch;
import dev.retentioncleanup.execute.Safety;
import dev.retentioncleanup.guard.ArchiveBacklog;
import dev.retentioncleanup.guard.DatabaseSize;
import dev.retentioncleanup.guard.Guard;
import dev.retentioncleanup.guard.Guards;
import dev.retentioncleanup.guard.PauseFile;
import dev.retentioncleanup.guard.ReplicationLag;
import dev.retentioncleanup.guard.SlotLag;
import dev.retentioncleanup.guard.WalRate;
import dev.retentioncleanup.guard.WalSize;
import dev.retentioncleanup.execute.Job;
import dev.retentioncleanup.execute.JobSettings;
import dev.retentioncleanup.execute.Limits;
import dev.retentioncleanup.execute.StopSignal;
import dev.retentioncleanup.observe.JsonReport;
import dev.retentioncleanup.observe.Outcome;
import dev.retentioncleanup.observe.RunListener;
import dev.retentioncleanup.observe.RunResult;
import dev.retentioncleanup.observe.Summary;
import dev.retentioncleanup.plan.TenantFilter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The one place that builds the object graph from validated settings, by hand. */
final class Wiring {
    /** One connection runs batches, one holds the lock and reads the catalog, one is spare for guards. */
    private static final int POOL_SIZE = 3;

    private Wiring() {
    }

    static int run(Invocation invocation, boolean dryRun) {
        RunSettings settings = invocation.settings();
        RunListener listener = listeners(settings);
        Clock clock = Clock.systemUTC();
        StopSignal stop = new StopSignal();
        Safety safety = safety(settings.guards(), clock);
        try (HikariDataSource dataSource = DataSources.open(connectionSettings(settings), POOL_SIZE);
                SignalHandlers signals = SignalHandlers.install(
                        new GracefulShutdown(stop, safety.inFlight(), settings.guards().shutdownGrace()))) {
            Job job = new Job(dataSource, invocation.config(), jobSettings(settings), sizer(settings), clock,
                    Sleeper.SYSTEM, listener, stop, safety);
            return job.run(dryRun).exitCode();
        } catch (DatabaseUnavailableException e) {
            // Nothing was touched, but the report (and later the monitor) must still hear of the failure.
            RunResult failed = new RunResult(Outcome.FAILED, dryRun, UUID.randomUUID(), clock.instant(),
                    clock.instant(), e.getMessage(), Map.of(), Map.of(), List.of(), 0, null, null, List.of());
            listener.runFinished(failed);
            return failed.exitCode();
        }
    }

    static int check(Invocation invocation, java.io.PrintWriter out) {
        RunSettings settings = invocation.settings();
        try (HikariDataSource dataSource = DataSources.open(connectionSettings(settings), 1)) {
            return CheckRunner.run(dataSource, invocation.config(), guards(settings.guards(), Clock.systemUTC()), out);
        }
    }

    static ConnectionSettings connectionSettings(RunSettings s) {
        return ConnectionSettings.of(JdbcUrls.normalize(s.dbUrl(), "--db-url"))
                .withUser(s.dbUser())
                .withPassword(s.dbPassword())
                .withConnectTimeout(s.connectTimeout())
                .withStatementTimeout(s.statementTimeout())
                .withLockTimeout(s.lockTimeout());
    }

    private static Safety safety(GuardSettings g, Clock clock) {
        return new Safety(guards(g, clock), g.guardWait(), g.guardInterval(), new InFlightBatch());
    }

    /** One guard per limit the user set; none set, none asked. */
    static Guards guards(GuardSettings g, Clock clock) {
        List<Guard<?>> guards = new ArrayList<>();
        if (g.pauseFile() != null) {
            guards.add(new PauseFile(g.pauseFile()));
        }
        if (g.maxWalRate() != null) {
            guards.add(new WalRate(g.maxWalRate(), clock));
        }
        if (g.maxWalSize() != null) {
            guards.add(new WalSize(g.maxWalSize()));
        }
        if (g.maxArchiveBacklog() != null) {
            guards.add(new ArchiveBacklog(g.maxArchiveBacklog()));
        }
        if (g.maxSlotLag() != null) {
            guards.add(new SlotLag(g.maxSlotLag()));
        }
        if (g.maxReplicationLag() != null) {
            guards.add(new ReplicationLag(g.maxReplicationLag()));
        }
        if (g.maxDatabaseSize() != null) {
            guards.add(new DatabaseSize(g.maxDatabaseSize()));
        }
        return Guards.of(guards, clock, g.guardInterval());
    }

    private static RunListener listeners(RunSettings s) {
        List<RunListener> listeners = new ArrayList<>();
        listeners.add(new Summary());
        if (s.report() != null) {
            listeners.add(new JsonReport(s.report(), System.out));
        }
        return RunListener.all(listeners);
    }

    private static JobSettings jobSettings(RunSettings s) {
        TenantFilter tenants = s.shard() == null
                ? new TenantFilter(s.tenants(), 0, 1)
                : new TenantFilter(s.tenants(), s.shard().index(), s.shard().count());
        return new JobSettings(tenants,
                new Limits(s.maxRows(), s.maxRuntime(), s.sleep(), s.maxRowsPerTransaction()), s.maxRetries());
    }

    private static BatchSizer sizer(RunSettings s) {
        if (s.batchSize() instanceof BatchSize.Fixed fixed) {
            return BatchSizer.fixed(fixed.rows());
        }
        return BatchSizer.adaptive(s.minBatchSize(), s.maxBatchSize(), s.targetBatchTime());
    }
}
