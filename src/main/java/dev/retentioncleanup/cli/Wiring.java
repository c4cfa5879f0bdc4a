package dev.retentioncleanup.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.retentioncleanup.ExitCode;
import dev.retentioncleanup.archive.ArchiveStore;
import dev.retentioncleanup.archive.ArchiveStores;
import dev.retentioncleanup.archive.ArchiveVerification;
import dev.retentioncleanup.archive.ArchiveVerifier;
import dev.retentioncleanup.archive.Sha256;
import dev.retentioncleanup.config.ArchiveDestination;
import dev.retentioncleanup.config.BatchSize;
import dev.retentioncleanup.config.ConfigException;
import dev.retentioncleanup.config.ConfigLoader;
import dev.retentioncleanup.config.GuardSettings;
import dev.retentioncleanup.config.LogFormat;
import dev.retentioncleanup.config.MonitoringSettings;
import dev.retentioncleanup.config.RetentionConfig;
import dev.retentioncleanup.config.RunSettings;
import dev.retentioncleanup.config.Settings;
import dev.retentioncleanup.config.Sources;
import dev.retentioncleanup.config.TableRef;
import dev.retentioncleanup.db.Catalog;
import dev.retentioncleanup.db.CatalogReader;
import dev.retentioncleanup.db.ConnectionSettings;
import dev.retentioncleanup.db.DataSources;
import dev.retentioncleanup.db.DatabaseUnavailableException;
import dev.retentioncleanup.db.DbTarget;
import dev.retentioncleanup.db.JdbcUrls;
import dev.retentioncleanup.db.SessionPinning;
import dev.retentioncleanup.execute.ArchiveSettings;
import dev.retentioncleanup.execute.BatchSizer;
import dev.retentioncleanup.execute.GracefulShutdown;
import dev.retentioncleanup.execute.InFlightBatch;
import dev.retentioncleanup.execute.Job;
import dev.retentioncleanup.execute.JobSettings;
import dev.retentioncleanup.execute.Limits;
import dev.retentioncleanup.execute.PartitionSettings;
import dev.retentioncleanup.execute.RestoreException;
import dev.retentioncleanup.execute.Restorer;
import dev.retentioncleanup.execute.Safety;
import dev.retentioncleanup.execute.StopSignal;
import dev.retentioncleanup.guard.GuardRegistry;
import dev.retentioncleanup.observe.JsonReport;
import dev.retentioncleanup.observe.Progress;
import dev.retentioncleanup.observe.RunListener;
import dev.retentioncleanup.observe.RunLog;
import dev.retentioncleanup.observe.Summary;
import dev.retentioncleanup.observe.audit.AuditLog;
import dev.retentioncleanup.observe.audit.AuditTable;
import dev.retentioncleanup.observe.heartbeat.Heartbeat;
import dev.retentioncleanup.observe.heartbeat.HeartbeatUrls;
import dev.retentioncleanup.observe.metrics.Pushgateway;
import dev.retentioncleanup.observe.metrics.RunMetrics;
import dev.retentioncleanup.observe.metrics.RunMetricsText;
import dev.retentioncleanup.observe.metrics.Textfile;
import dev.retentioncleanup.plan.Finding;
import dev.retentioncleanup.plan.TargetPlan;
import dev.retentioncleanup.plan.TargetResolver;
import dev.retentioncleanup.plan.TenantFilter;
import dev.retentioncleanup.result.Outcome;
import dev.retentioncleanup.result.RunResult;
import dev.retentioncleanup.retry.Sleeper;
import dev.retentioncleanup.url.BadUrlException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.MDC;
import picocli.CommandLine.Model.CommandSpec;

/** The one place that builds the object graph from validated settings, by hand. */
final class Wiring {
    /**
     * One connection runs batches, one holds the lock and reads the catalog, one is spare for guards; also what
     * the session-pinning probe holds at once.
     */
    private static final int POOL_SIZE = Math.max(3, SessionPinning.CONNECTIONS);

    private Wiring() {
    }

    static int run(Invocation invocation, boolean dryRun) {
        RunSettings settings = invocation.settings();
        MonitoringSettings monitoring = invocation.monitoring();
        // Made here, not in Job: a run that fails before Job starts reports (and pings) under this same id.
        UUID runId = UUID.randomUUID();
        MDC.put("run_id", runId.toString());
        Clock clock = Clock.systemUTC();
        StopSignal stop = new StopSignal();
        Safety safety = safety(invocation.guards(), settings.guards(), clock);
        // What a run that fails before the Job has a result reports.
        RunResult.Builder early = RunResult.builder(runId, clock.instant(), dryRun);
        boolean json = settings.logFormat() == LogFormat.JSON;
        RunListener tellers = tellers(settings, monitoring, dryRun);
        Progress progress = new Progress(System.console() != null ? System.err : null, monitoring.progressInterval());
        // Progress first: it clears its terminal line before the others log a guard event or the summary.
        RunListener human = RunListener.all(json ? List.of(progress, new RunLog(true))
                : List.of(progress, new RunLog(false), new Summary()));
        try (progress; ArchiveStore store = dryRun ? null : openArchive(settings.archive(), true);
                HikariDataSource dataSource = DataSources.open(connectionSettings(invocation), POOL_SIZE);
                SignalHandlers signals = SignalHandlers.install(
                        new GracefulShutdown(stop, safety.inFlight(), settings.guards().shutdownGrace()))) {
            requirePinnedSessions(dataSource, invocation);
            RunListener audit = audit(dataSource, monitoring.auditTable(), dryRun);
            RunListener listener = RunListener.all(List.of(audit, human, tellers));
            ArchiveSettings archive = store == null ? null : new ArchiveSettings(store, settings.archiveOutbox(),
                    JdbcUrls.normalize(settings.dbUrl()).describe(), configDigest(invocation.config().source()));
            Job job = new Job(dataSource, invocation.config(), jobSettings(settings, archive), sizer(settings), clock,
                    Sleeper.SYSTEM, listener, stop, safety);
            return job.run(dryRun, runId).exitCode();
        } catch (DatabaseUnavailableException e) {
            // Nothing was touched, but the report, metrics and monitor must still hear of the failure.
            RunResult failed = early.ended(Outcome.FAILED, e.getMessage()).finishedAt(clock.instant());
            RunListener.all(List.of(human, tellers)).runFinished(failed);
            return failed.exitCode();
        } catch (RuntimeException e) {
            // Configuration wrong against the catalog (exit 2) or a bug (exit 1): tell the unattended listeners,
            // then let FailureHandler print the one line and map the exit code.
            tellers.runFinished(early.ended(Outcome.of(e), String.valueOf(e.getMessage())).finishedAt(clock.instant()));
            throw e;
        } finally {
            MDC.remove("run_id");
        }
    }

    /**
     * A run whose settings did not resolve still pings the failure when a heartbeat URL can be read from the
     * flags, the environment or (if it loads) the file. Dry runs never ping.
     */
    static void failedToStart(CommandSpec spec, ConfigOption configOption, boolean dryRun, ConfigException e) {
        if (dryRun) {
            return;
        }
        Map<String, List<String>> flags = SettingOptions.typed(spec.commandLine().getParseResult());
        RetentionConfig file = null;
        try {
            file = configOption.fileOrEnv() == null ? null : ConfigLoader.load(configOption.fileOrEnv());
        } catch (RuntimeException ignored) {
            // the file is what is broken: the flags and environment may still name the monitor
        }
        Sources sources = new Sources(SettingOptions.ALL, flags, System.getenv(), file);
        MonitoringSettings monitoring = MonitoringSettings.heartbeatOnly(sources);
        HeartbeatUrls urls = HeartbeatUrls.of(monitoring).forShard(RunSettings.shardOnly(sources));
        if (urls.any()) {
            Heartbeat.of(urls, monitoring.heartbeatTimeout())
                    .ended(UUID.randomUUID(), Outcome.INVALID_CONFIG, "configuration error: " + e.getMessage());
        }
    }

    static int check(Invocation invocation, PrintWriter out) {
        RunSettings settings = invocation.settings();
        List<Finding> local = new ArrayList<>();
        for (OutputFile file : OutputFile.of(invocation)) {
            file.problem().ifPresent(problem -> local.add(new Finding(Finding.Severity.ERROR, file.origin(),
                    problem + ": a run would exit 2")));
        }
        if (settings.archive() != null) {
            try (ArchiveStore store = openArchive(settings.archive(), true)) {
                local.add(new Finding(Finding.Severity.INFO, "archive", "rows are archived to " + store.location()
                        + " before they are deleted"));
            } catch (ConfigException e) {
                local.add(new Finding(Finding.Severity.ERROR, "archive", e.getMessage() + ": a run would exit 2"));
            }
        }
        try (HikariDataSource dataSource = DataSources.open(connectionSettings(invocation), SessionPinning.CONNECTIONS)) {
            return CheckRunner.run(dataSource, invocation.config(),
                    invocation.guards().guards(settings.guards().guardInterval(), Clock.systemUTC()), local, out);
        }
    }

    /**
     * {@code restore}: the run's archive verified (any problem: exit 1, nothing inserted), then its files restored in
     * order with the guards consulted before each; one line per file.
     */
    static int restore(Invocation invocation, Restorer.Request request, PrintWriter out) {
        RunSettings settings = invocation.settings();
        if (settings.archive() == null) {
            throw new ConfigException("no archive to restore from: set --archive-dir or --archive-url");
        }
        Clock clock = Clock.systemUTC();
        Safety safety = safety(invocation.guards(), settings.guards(), clock);
        try (ArchiveStore store = openArchive(settings.archive(), false);
                HikariDataSource dataSource = DataSources.open(connectionSettings(invocation), POOL_SIZE)) {
            ArchiveVerification verification = ArchiveVerifier.verify(store, Optional.of(request.runId()));
            if (!verification.ok()) {
                verification.problems().forEach(out::println);
                out.println("restore: the archive of run " + request.runId() + " does not verify; nothing restored");
                return ExitCode.FAILED.code();
            }
            try (Connection connection = dataSource.getConnection()) {
                Catalog catalog = CatalogReader.read(connection);
                List<TargetPlan> targets = new TargetResolver(catalog, invocation.config()).resolve();
                Restorer restorer = new Restorer(store, targets, catalog, Restorer.guarded(safety, dataSource, clock));
                RestoreLines lines = new RestoreLines(out, request.dryRun());
                String stopped = restorer.restore(connection, restorer.manifest(request.runId()), request, lines);
                lines.finished(stopped);
                return stopped == null ? ExitCode.COMPLETED.code() : ExitCode.STOPPED_BY_GUARD.code();
            }
        } catch (RestoreException e) {
            out.println("restore: " + e.getMessage());
            return ExitCode.FAILED.code();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("restore: " + e.getMessage(), e);
        } catch (IOException e) {
            out.println("restore: cannot read the archive at " + settings.archive() + " (" + e.getMessage() + ")");
            return ExitCode.FAILED.code();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.INTERRUPTED_SIGINT.code();
        }
    }

    /** Exit 2 before anything is touched when a pooler in transaction or statement mode sits in between. */
    private static void requirePinnedSessions(DataSource dataSource, Invocation invocation) {
        Optional<String> problem;
        try {
            problem = SessionPinning.problem(dataSource);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot check that sessions stay pinned: " + e.getMessage(), e);
        }
        if (problem.isPresent()) {
            throw new ConfigException(invocation.sources().originOf(Settings.DB_URL) + ": "
                    + JdbcUrls.normalize(invocation.settings().dbUrl()).describe() + ": " + problem.get());
        }
    }

    static ConnectionSettings connectionSettings(Invocation invocation) {
        RunSettings s = invocation.settings();
        DbTarget target;
        try {
            target = JdbcUrls.normalize(s.dbUrl());
        } catch (BadUrlException e) {
            // db knows nothing of settings: here its complaint becomes exit 2, naming where the URL came from.
            throw new ConfigException(invocation.sources().originOf(Settings.DB_URL) + ": " + e.getMessage(), e);
        }
        return ConnectionSettings.of(target)
                .withUser(s.dbUser())
                .withPassword(s.dbPassword())
                .withConnectTimeout(s.connectTimeout())
                .withStatementTimeout(s.statementTimeout())
                .withLockTimeout(s.lockTimeout());
    }

    private static Safety safety(GuardRegistry.Enabled guards, GuardSettings g, Clock clock) {
        return new Safety(guards.guards(g.guardInterval(), clock), g.guardWait(), g.guardInterval(),
                new InFlightBatch());
    }

    /** What reports to people and systems that are not watching: report, metrics, heartbeat (in that order). */
    private static RunListener tellers(RunSettings s, MonitoringSettings m, boolean dryRun) {
        List<RunListener> listeners = new ArrayList<>();
        if (s.report() != null) {
            listeners.add(new JsonReport(s.report(), System.out));
        }
        List<Consumer<RunMetricsText>> exporters = new ArrayList<>();
        Double previousSuccess = null;
        if (m.metricsTextfile() != null) {
            Textfile textfile = new Textfile(m.metricsTextfile());
            previousSuccess = textfile.previousSuccess();
            exporters.add(textfile);
        }
        if (m.metricsPushgateway() != null) {
            exporters.add(Pushgateway.of(m.metricsPushgateway(), s.shard() == null ? null : s.shard().label()));
        }
        if (!exporters.isEmpty()) {
            listeners.add(new RunMetrics(exporters, previousSuccess));
        }
        HeartbeatUrls urls = HeartbeatUrls.of(m).forShard(s.shard());
        if (!dryRun && urls.any()) {
            listeners.add(Heartbeat.of(urls, m.heartbeatTimeout()));
        }
        return RunListener.all(listeners);
    }

    /**
     * Checked before the Job starts, so a missing or malformed audit table is exit 2 with nothing deleted. A dry
     * run checks it too (it is the rehearsal of the real run) but writes no row.
     */
    private static RunListener audit(DataSource dataSource, TableRef table, boolean dryRun) {
        if (table == null) {
            return RunListener.NONE;
        }
        try (Connection connection = dataSource.getConnection()) {
            AuditTable audit = AuditTable.verify(connection, table);
            return dryRun ? RunListener.NONE : new AuditLog(dataSource, audit);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot check the audit table: " + e.getMessage(), e);
        }
    }

    /**
     * The archive named by the settings, found writable ({@code write}: a missing bucket, a directory this user cannot
     * write: a run that could not archive stops with exit 2 before anything is deleted) or readable. Null when rows
     * are not archived.
     */
    static ArchiveStore openArchive(ArchiveDestination destination, boolean write) {
        if (destination == null) {
            return null;
        }
        return openStore(destination, write, destination.dir() != null ? "--archive-dir " + destination.dir()
                : "--archive-url " + destination.s3());
    }

    /** Opens and probes the store; one that cannot be used is a configuration error (exit 2) naming {@code origin}. */
    static ArchiveStore openStore(ArchiveDestination destination, boolean write, String origin) {
        ArchiveStore store = null;
        try {
            store = ArchiveStores.open(destination);
            if (write) {
                store.checkWritable();
            } else {
                store.checkReadable();
            }
            return store;
        } catch (IOException | RuntimeException e) {
            if (store != null) {
                store.close();
            }
            throw new ConfigException(origin + ": " + (write ? "not writable (" + e.getMessage() + ")"
                    : e.getMessage()), e);
        }
    }

    private static String configDigest(Path file) {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read it again for the archive's manifest (" + e.getMessage()
                    + ")", e);
        }
    }

    private static JobSettings jobSettings(RunSettings s, ArchiveSettings archive) {
        TenantFilter tenants = s.shard() == null
                ? new TenantFilter(s.tenants(), 0, 1)
                : new TenantFilter(s.tenants(), s.shard().index(), s.shard().count());
        return new JobSettings(tenants, s.timeZone(),
                new Limits(s.maxRows(), s.maxRuntime(), s.sleep(), s.maxRowsPerTransaction()), s.maxRetries(),
                new PartitionSettings(s.ddlLockTimeout(), s.detachSchema()), archive);
    }

    private static BatchSizer sizer(RunSettings s) {
        if (s.batchSize() instanceof BatchSize.Fixed fixed) {
            return BatchSizer.fixed(fixed.rows());
        }
        return BatchSizer.adaptive(s.minBatchSize(), s.maxBatchSize(), s.targetBatchTime());
    }
}
