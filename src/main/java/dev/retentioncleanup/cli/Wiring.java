package dev.retentioncleanup.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.retentioncleanup.config.BatchSize;
import dev.retentioncleanup.config.RunSettings;
import dev.retentioncleanup.db.ConnectionSettings;
import dev.retentioncleanup.db.DataSources;
import dev.retentioncleanup.db.DatabaseUnavailableException;
import dev.retentioncleanup.db.JdbcUrls;
import dev.retentioncleanup.db.Sleeper;
import dev.retentioncleanup.execute.BatchSizer;
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
        try (HikariDataSource dataSource = DataSources.open(connectionSettings(settings), POOL_SIZE)) {
            Job job = new Job(dataSource, invocation.config(), jobSettings(settings), sizer(settings), clock,
                    Sleeper.SYSTEM, listener, new StopSignal());
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
            return CheckRunner.run(dataSource, invocation.config(), out);
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
