package dev.retentioncleanup.execute;

import dev.retentioncleanup.config.ConfigException;
import dev.retentioncleanup.config.RetentionConfig;
import dev.retentioncleanup.db.Catalog;
import dev.retentioncleanup.db.CatalogReader;
import dev.retentioncleanup.db.Retry;
import dev.retentioncleanup.db.ServerState;
import dev.retentioncleanup.db.Sleeper;
import dev.retentioncleanup.db.TableInfo;
import dev.retentioncleanup.db.TableName;
import dev.retentioncleanup.guard.Guards;
import dev.retentioncleanup.observe.GuardEvent;
import dev.retentioncleanup.observe.Outcome;
import dev.retentioncleanup.observe.RunListener;
import dev.retentioncleanup.observe.RunResult;
import dev.retentioncleanup.observe.RunStarted;
import dev.retentioncleanup.observe.TenantResult;
import dev.retentioncleanup.plan.Plan;
import dev.retentioncleanup.plan.PolicyReader;
import dev.retentioncleanup.plan.RunTimeZone;
import dev.retentioncleanup.plan.TargetPlan;
import dev.retentioncleanup.plan.TargetResolver;
import dev.retentioncleanup.plan.TenantCutoff;
import dev.retentioncleanup.plan.WalEstimate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run from connection to result: server state, catalog, config check, advisory lock, policies,
 * then the batch loop (or the dry-run count), and the result told to every listener, also on failure.
 * Configuration errors found against the catalog are thrown before anything is touched.
 */
public final class Job {
    private static final Logger LOG = LoggerFactory.getLogger(Job.class);

    private final DataSource dataSource;
    private final RetentionConfig config;
    private final JobSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RunListener listener;
    private final StopSignal stop;
    private final BatchSizer sizer;
    private final Safety safety;

    public Job(DataSource dataSource, RetentionConfig config, JobSettings settings, BatchSizer sizer, Clock clock,
            Sleeper sleeper, RunListener listener, StopSignal stop, Safety safety) {
        this.safety = safety;
        this.dataSource = dataSource;
        this.config = config;
        this.settings = settings;
        this.sizer = sizer;
        this.clock = clock;
        this.sleeper = sleeper;
        this.listener = listener;
        this.stop = stop;
    }

    /** With the run id the caller made up front, so a failure before this point reports under the same id. */
    public RunResult run(boolean dryRun, UUID runId) {
        Instant startedAt = clock.instant();
        Draft draft = new Draft(runId, startedAt, dryRun);
        Draft done;
        try {
            done = runOnSession(draft);
        } catch (SQLException e) {
            OutOfMemory.rethrowIfCause(e);
            done = draft.failed(Outcome.FAILED, Executor.describe(e));
        } catch (RuntimeException e) {
            if (!draft.told) {
                throw e; // before the start: a configuration error (exit 2) or a bug, for the caller to report
            }
            // The audit row says 'running' and the listeners wait for the end: they must hear of it.
            done = e instanceof ConfigException ? draft.failed(Outcome.INVALID_CONFIG, e.getMessage())
                    : draft.failed(Outcome.FAILED, Executor.unexpected(e));
        }
        return finish(done); // exactly once: listeners write the report and the summary here
    }

    /**
     * The job's session is closed quietly: after a server restart it is dead, closing it throws, and that
     * must not turn a run whose batches all committed into a failure.
     */
    private Draft runOnSession(Draft draft) throws SQLException {
        Connection session = dataSource.getConnection();
        try {
            return runOn(session, draft);
        } finally {
            try {
                session.close();
            } catch (SQLException e) {
                LOG.debug("closing the job's session: {}", e.getMessage());
            }
        }
    }

    private Draft runOn(Connection session, Draft draft) throws SQLException {
        ServerState server = ServerState.read(session);
        if (!draft.dryRun && !server.writable()) {
            return draft.failed(Outcome.NOT_WRITABLE, server.notWritableReason());
        }
        Catalog catalog = CatalogReader.read(session);
        TargetResolver resolver = new TargetResolver(catalog, config);
        TableName policyTable = resolver.policyTable();
        List<TargetPlan> targets = resolver.resolve();
        if (draft.dryRun) {
            return count(session, catalog, plan(session, policyTable, targets), draft);
        }
        AdvisoryLock.Attempt attempt = AdvisoryLock.tryAcquire(session, lockClaims(policyTable, targets));
        if (attempt.lock() == null) {
            return draft.failed(Outcome.SKIPPED_LOCKED, "another run holds the lock for this config: "
                    + attempt.refused().heldBy());
        }
        try (AdvisoryLock lock = attempt.lock()) {
            Plan plan = plan(session, policyTable, targets);
            draft.plan = plan;
            listener.runStarted(draft.started(plan));
            String unreadable = unreadableGuards(session);
            if (unreadable != null) {
                return draft.failed(Outcome.STOPPED_BY_GUARD, unreadable);
            }
            WalMeter wal = WalMeter.start(session);
            Executor executor = new Executor(dataSource, Retry.withBackoff(settings.maxRetries()), clock, sleeper,
                    listener, stop, settings.limits(), sizer, () -> lock.ensureHeld(dataSource), safety,
                    settings.partitions());
            Executor.Execution execution = executor.execute(plan);
            draft.outcome = execution.outcome();
            draft.stopReason = execution.stopReason();
            draft.rowsByTable = execution.rowsByTable();
            draft.byTenant = execution.targetRowsByTenant();
            draft.held = execution.held();
            draft.batches = execution.batches();
            draft.guardEvents = execution.guardEvents();
            draft.walBytes = walBytes(wal);
            return draft;
        }
    }

    /**
     * Fail closed: a guard the user set but this role cannot read would guard nothing, so the run stops before
     * its first batch, naming what is missing. Null when every guard reads.
     */
    private String unreadableGuards(Connection session) {
        List<Guards.Problem> problems = safety.guards().unreadable(session);
        if (problems.isEmpty()) {
            return null;
        }
        problems.forEach(p -> LOG.error("guard {} cannot be read: {}", p.guard(), p.message()));
        return "fail closed, nothing deleted: " + problems.stream().map(Guards.Problem::message)
                .collect(java.util.stream.Collectors.joining("; "));
    }

    private Plan plan(Connection session, TableName policyTable, List<TargetPlan> targets) throws SQLException {
        RunTimeZone zone = RunTimeZone.resolve(session, settings.timeZone());
        PolicyReader.Policies policies = PolicyReader.read(session, config.policy(), policyTable, settings.tenants(),
                zone.name());
        LOG.atInfo().addKeyValue("event", "policies_read").addKeyValue("tenants", policies.tenants().size())
                .addKeyValue("skipped_tenants", policies.skipped().size()).addKeyValue("time_zone", zone.name())
                .log("{} tenants with a policy, {} kept whole; cutoffs from the database clock at {}; timestamp and"
                        + " date columns read in {} (from {})", policies.tenants().size(), policies.skipped().size(),
                        policies.databaseNow(), zone.name(), zone.source());
        return new Plan(policies.databaseNow(), policies.tenants(), policies.skipped(), targets, zone.name());
    }

    private Draft count(Connection session, Catalog catalog, Plan plan, Draft draft) throws SQLException {
        draft.plan = plan;
        listener.runStarted(draft.started(plan));
        DryRun.Counts counts = DryRun.count(session, plan);
        draft.outcome = Outcome.DRY_RUN;
        draft.rowsByTable = counts.rowsByTable();
        draft.byTenant = counts.targetRowsByTenant();
        draft.held = counts.held();
        long estimate = 0;
        for (var entry : counts.rowsByTable().entrySet()) {
            TableInfo info = catalog.tables().stream().filter(t -> t.name().display().equals(entry.getKey()))
                    .findFirst().orElseThrow();
            estimate += WalEstimate.forTable(entry.getValue(), info.totalBytes(), info.estimatedRows());
        }
        draft.walEstimate = estimate;
        return draft;
    }

    /**
     * WAL is measured best-effort: the run's outcome must not depend on reading it. On a pooled connection,
     * not the job's session: after a reconnect that session may be gone while the run completed.
     */
    private Long walBytes(WalMeter wal) {
        try (Connection connection = dataSource.getConnection()) {
            return wal.bytesSinceStart(connection);
        } catch (SQLException e) {
            LOG.warn("could not read the WAL position at the end: {}", e.getMessage());
            return null;
        }
    }

    /**
     * An unsharded run takes the config's key exclusively. Shards of one Indexed Job run in parallel on disjoint
     * tenants: each takes the config's key shared, which keeps an unsharded run (all tenants) out while any shard
     * runs, and its own shard's key exclusively, so each shard is its own "one run at a time".
     */
    private List<AdvisoryLock.Claim> lockClaims(TableName policyTable, List<TargetPlan> targets) {
        List<String> config = new ArrayList<>();
        config.add(policyTable == null ? "(policy query)" : policyTable.display());
        targets.forEach(t -> config.add(t.table().display()));
        long configKey = AdvisoryLock.keyFor(config);
        String shard = settings.tenants().shard();
        if (shard == null) {
            return List.of(AdvisoryLock.Claim.exclusive(configKey, "another unsharded run, or a --shard run of it"));
        }
        List<String> shardIdentity = new ArrayList<>(config);
        shardIdentity.add("shard " + shard);
        return List.of(AdvisoryLock.Claim.shared(configKey, "an unsharded run, which deletes shard " + shard
                        + "'s tenants too"),
                AdvisoryLock.Claim.exclusive(AdvisoryLock.keyFor(shardIdentity), "another run of shard " + shard));
    }

    private RunResult finish(Draft draft) {
        RunResult result = draft.toResult(clock.instant());
        listener.runFinished(result);
        return result;
    }

    /** The result as it is being assembled; only {@link Job} writes it. */
    private static final class Draft {
        final UUID runId;
        final Instant startedAt;
        final boolean dryRun;
        Outcome outcome = Outcome.FAILED;
        String stopReason;
        Plan plan;
        Map<String, Long> rowsByTable = Map.of();
        Map<String, Map<String, Long>> byTenant = Map.of();
        long batches;
        Long walBytes;
        Long walEstimate;
        List<GuardEvent> guardEvents = List.of();
        Map<String, Long> held = Map.of();
        /** Whether the listeners heard the run start: from then on they must hear it end. */
        boolean told;

        Draft(UUID runId, Instant startedAt, boolean dryRun) {
            this.runId = runId;
            this.startedAt = startedAt;
            this.dryRun = dryRun;
        }

        Draft failed(Outcome outcome, String reason) {
            this.outcome = outcome;
            this.stopReason = reason;
            return this;
        }

        RunStarted started(Plan plan) {
            told = true;
            return new RunStarted(runId, startedAt, dryRun, plan.tenants().size(), plan.skippedTenants().size(),
                    plan.tableKeys());
        }

        RunResult toResult(Instant finishedAt) {
            Map<String, TenantResult> tenants = new LinkedHashMap<>();
            Map<String, String> skipped = Map.of();
            if (plan != null) {
                // Tenants with rows only: a million tenants would otherwise make a report of a million entries.
                for (TenantCutoff tenant : plan.tenants()) {
                    Map<String, Long> counted = byTenant.get(tenant.tenant());
                    if (counted == null) {
                        continue;
                    }
                    Map<String, Long> rows = new LinkedHashMap<>();
                    plan.targets().forEach(t -> rows.put(t.table().display(),
                            counted.getOrDefault(t.table().display(), 0L)));
                    tenants.put(tenant.tenant(), new TenantResult(tenant.cutoff(), rows));
                }
                skipped = plan.skippedTenants();
            }
            return new RunResult(outcome, dryRun, runId, startedAt, finishedAt, stopReason, rowsByTable, tenants,
                    skipped, batches, walBytes, walEstimate, guardEvents, held, plan == null ? null : plan.timeZone(),
                    plan == null ? null : plan.databaseNow());
        }
    }
}
