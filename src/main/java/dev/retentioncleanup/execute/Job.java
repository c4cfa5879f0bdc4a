package dev.retentioncleanup.execute;

import dev.retentioncleanup.config.ConfigException;
import dev.retentioncleanup.config.RetentionConfig;
import dev.retentioncleanup.db.Catalog;
import dev.retentioncleanup.db.CatalogReader;
import dev.retentioncleanup.db.Retry;
import dev.retentioncleanup.db.ServerState;
import dev.retentioncleanup.db.TableInfo;
import dev.retentioncleanup.db.TableName;
import dev.retentioncleanup.guard.Guards;
import dev.retentioncleanup.observe.RunListener;
import dev.retentioncleanup.observe.RunStarted;
import dev.retentioncleanup.plan.Plan;
import dev.retentioncleanup.plan.PolicyReader;
import dev.retentioncleanup.plan.RunTimeZone;
import dev.retentioncleanup.plan.TargetPlan;
import dev.retentioncleanup.plan.TargetResolver;
import dev.retentioncleanup.plan.WalEstimate;
import dev.retentioncleanup.result.Outcome;
import dev.retentioncleanup.result.RunResult;
import dev.retentioncleanup.retry.Sleeper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
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
    /** Whether the listeners heard the run start: from then on they must hear it end. */
    private boolean told;

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
        RunResult.Builder result = RunResult.builder(runId, clock.instant(), dryRun);
        told = false;
        try {
            runOnSession(result);
        } catch (SQLException e) {
            OutOfMemory.rethrowIfCause(e);
            result.ended(Outcome.FAILED, Executor.describe(e));
        } catch (RuntimeException e) {
            if (!told) {
                throw e; // before the start: a configuration error (exit 2) or a bug, for the caller to report
            }
            // The audit row says 'running' and the listeners wait for the end: they must hear of it.
            result.ended(Outcome.of(e), e instanceof ConfigException ? e.getMessage() : Executor.unexpected(e));
        }
        RunResult done = result.finishedAt(clock.instant());
        listener.runFinished(done); // exactly once: listeners write the report and the summary here
        return done;
    }

    /**
     * The job's session is closed quietly: after a server restart it is dead, closing it throws, and that
     * must not turn a run whose batches all committed into a failure.
     */
    private void runOnSession(RunResult.Builder result) throws SQLException {
        Connection session = dataSource.getConnection();
        try {
            runOn(session, result);
        } finally {
            try {
                session.close();
            } catch (SQLException e) {
                LOG.debug("closing the job's session: {}", e.getMessage());
            }
        }
    }

    private void runOn(Connection session, RunResult.Builder result) throws SQLException {
        ServerState server = ServerState.read(session);
        if (!result.dryRun() && !server.writable()) {
            result.ended(Outcome.NOT_WRITABLE, server.notWritableReason());
            return;
        }
        Catalog catalog = CatalogReader.read(session);
        TargetResolver resolver = new TargetResolver(catalog, config);
        TableName policyTable = resolver.policyTable();
        List<TargetPlan> targets = resolver.resolve();
        if (result.dryRun()) {
            count(session, catalog, plan(session, policyTable, targets), result);
            return;
        }
        if (settings.archive() != null) {
            ArchiveRun.requireArchivable(catalog, targets);
        }
        List<AdvisoryLock.Claim> claims = lockClaims(policyTable, targets);
        AdvisoryLock.Attempt attempt = AdvisoryLock.tryAcquire(session, claims);
        if (attempt.lock() == null) {
            result.ended(Outcome.SKIPPED_LOCKED, "another run holds the lock for this config: "
                    + attempt.refused().heldBy());
            return;
        }
        try (AdvisoryLock lock = attempt.lock()) {
            Plan plan = plan(session, policyTable, targets);
            ArchiveOutbox outbox = null;
            if (settings.archive() != null) {
                outbox = new ArchiveOutbox(settings.archive().outbox());
                outbox.ensure(session);
            }
            started(plan, result);
            String unreadable = unreadableGuards(session);
            if (unreadable != null) {
                result.ended(Outcome.STOPPED_BY_GUARD, unreadable);
                return;
            }
            WalMeter wal = WalMeter.start(session);
            ArchiveRun opened;
            try {
                opened = outbox == null ? null : ArchiveRun.open(session, settings.archive(), outbox,
                        exclusiveKey(claims), result.runId().toString(), result.startedAt());
            } catch (ArchiveException e) {
                result.ended(Outcome.FAILED, e.getMessage() + "; nothing deleted");
                return;
            }
            try (ArchiveRun archive = opened) {
                Executor executor = new Executor(dataSource, Retry.withBackoff(settings.maxRetries()), clock, sleeper,
                        listener, stop, settings.limits(), sizer, () -> lock.ensureHeld(dataSource), safety,
                        settings.partitions(), archive);
                executor.execute(plan, result);
                result.walBytes(walBytes(wal));
                if (archive != null) {
                    result.archive(archive.finish(dataSource));
                }
            }
        }
    }



    /** The plan is known: into the result, and told to the listeners (from then on they must hear the end). */
    private void started(Plan plan, RunResult.Builder result) {
        result.policies(plan.skippedTenants(), plan.timeZone(), plan.databaseNow());
        told = true;
        listener.runStarted(new RunStarted(result.runId(), result.startedAt(), result.dryRun(), plan.tenants().size(),
                plan.skippedTenants().size(), plan.deleteOrder()));
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

    private void count(Connection session, Catalog catalog, Plan plan, RunResult.Builder result) throws SQLException {
        started(plan, result);
        RunTotals counts = DryRun.count(session, plan, settings.partitions(),
                settings.limits().maxRowsPerTransaction());
        counts.into(result).ended(Outcome.DRY_RUN, null);
        long estimate = 0;
        for (Map.Entry<TableName, Long> table : counts.tables().entrySet()) {
            TableInfo info = catalog.table(table.getKey()).orElseThrow();
            // A partition removed whole writes next to no WAL: only the rows that go one by one count.
            long rows = table.getValue() - counts.partitionRows(table.getKey());
            estimate += WalEstimate.forTable(rows, info.totalBytes(), info.estimatedRows());
        }
        result.walBytesEstimate(estimate);
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


    /** The key this run holds exclusively: no other run of it is alive while this one runs. */
    private static long exclusiveKey(List<AdvisoryLock.Claim> claims) {
        return claims.stream().filter(c -> !c.shared()).findFirst().orElseThrow().key();
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
}
