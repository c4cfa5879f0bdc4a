package dev.retentioncleanup.execute;

import dev.retentioncleanup.config.PartitionMode;
import dev.retentioncleanup.config.Units;
import dev.retentioncleanup.db.Retry;
import dev.retentioncleanup.db.ServerErrors;
import dev.retentioncleanup.db.TableName;
import dev.retentioncleanup.db.TransientErrors;
import dev.retentioncleanup.observe.BatchCommitted;
import dev.retentioncleanup.observe.RunListener;
import dev.retentioncleanup.plan.Plan;
import dev.retentioncleanup.plan.TargetPlan;
import dev.retentioncleanup.result.Outcome;
import dev.retentioncleanup.result.PartitionRemoval;
import dev.retentioncleanup.result.RunResult;
import dev.retentioncleanup.retry.Sleeper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch loop: per target, batch after batch in keyset order until nothing eligible is left or a
 * stop condition holds. Stop conditions are checked only between batches, so only whole batches are
 * ever committed. Each batch takes its own pooled connection and is retried on transient errors.
 */
public final class Executor {
    private static final Logger LOG = LoggerFactory.getLogger(Executor.class);
    /** statement_timeout and lock_timeout: the batch was too big for the server right now. */
    private static final Set<String> TIMEOUT_STATES = Set.of("57014", "55P03");

    private final DataSource dataSource;
    private final Retry retry;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RunListener listener;
    private final StopSignal stop;
    private final Limits limits;
    private final BatchSizer sizer;
    private final RunLock lock;
    private final InFlightBatch inFlight;
    private final GuardGate gate;
    private final PartitionSettings partitionSettings;
    /** Null when rows are not archived. */
    private final ArchiveRun archive;

    /** Whether this run may go on: it still holds (or took again) the one-run-at-a-time lock. */
    @FunctionalInterface
    public interface RunLock {
        RunLock NONE = () -> true;

        /** @return false when another run holds the lock now; SQLException when it could not be checked */
        boolean held() throws SQLException;
    }

    public Executor(DataSource dataSource, Retry retry, Clock clock, Sleeper sleeper, RunListener listener,
            StopSignal stop, Limits limits, BatchSizer sizer, RunLock lock, Safety safety,
            PartitionSettings partitionSettings, ArchiveRun archive) {
        this.archive = archive;
        this.dataSource = dataSource;
        this.retry = retry;
        this.clock = clock;
        this.sleeper = sleeper;
        this.listener = listener;
        this.stop = stop;
        this.limits = limits;
        this.sizer = sizer;
        this.lock = lock;
        this.inFlight = safety.inFlight();
        this.partitionSettings = partitionSettings;
        this.gate = new GuardGate(safety.guards(), dataSource, safety.guardWait(), safety.guardInterval(), clock,
                sleeper, listener, stop);
    }

    /** Runs the loop; how it ended, what it committed and what the guards did go into {@code result}. */
    public void execute(Plan plan, RunResult.Builder result) {
        RunTotals totals = new RunTotals(plan);
        StopSignal.Request end = loop(plan, totals);
        totals.into(result).guardEvents(gate.events()).ended(end.outcome(), end.reason());
    }

    /** How the loop ended: COMPLETED when every target is done, else why it stopped. */
    private StopSignal.Request loop(Plan plan, RunTotals totals) {
        Instant started = clock.instant();
        CutoffTable cutoffs = new CutoffTable(plan); // one per run: each session fills it once for every target
        try {
            for (TargetPlan target : plan.targets()) {
                StopSignal.Request stopped = removePartitions(cutoffs, target, totals, started);
                if (stopped == null) {
                    stopped = deleteAll(cutoffs, target, totals, started);
                }
                if (stopped != null) {
                    return stopped;
                }
            }
            return new StopSignal.Request(Outcome.COMPLETED, null);
        } catch (Abandoned e) {
            return new StopSignal.Request(e.request.outcome(), e.request.reason()
                    + (inFlight.cancelled() ? "; the batch in flight was cancelled and rolled back" : ""));
        } catch (SQLException e) {
            OutOfMemory.rethrowIfCause(e);
            return new StopSignal.Request(Outcome.FAILED, describe(e));
        } catch (ArchiveException e) {
            return new StopSignal.Request(Outcome.FAILED, e.getMessage()
                    + "; that transaction rolled back, so none of its rows was deleted");
        } catch (RuntimeException e) {
            // A bug, not the server: the batches committed so far still go into the result, so the report, the
            // audit row and the summary tell what was deleted before it.
            return new StopSignal.Request(Outcome.FAILED, unexpected(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            StopSignal.Request requested = stop.requested();
            return requested != null ? requested : new StopSignal.Request(Outcome.FAILED, "interrupted");
        }
    }

    private StopSignal.Request deleteAll(CutoffTable cutoffs, TargetPlan target, RunTotals totals, Instant started)
            throws SQLException, InterruptedException {
        TargetDeleter deleter = new TargetDeleter(target, cutoffs, archive);
        String table = target.table().display();
        Keyset position = null;
        while (true) {
            StopSignal.Request stopped = stopCondition(totals, started);
            if (stopped != null && stopped.outcome() == Outcome.STOPPED_BY_LIMIT && reachedMaxRows(totals)
                    && !anyLeft(deleter, table, position)) {
                return null; // the limit landed exactly on the end of this target's backlog: nothing was cut short
            }
            stopped = clearance(stopped);
            if (stopped != null) {
                return stopped;
            }
            long batchNumber = totals.batches() + 1;
            Keyset after = position;
            TargetDeleter.BatchOutcome outcome = retry.run("batch " + batchNumber + " of " + table, () -> {
                StopSignal.Request requested = stop.requested();
                if (requested != null) {
                    throw new Abandoned(requested); // a retry is a new start: a shutdown or stop forbids it
                }
                int limit = batchLimit(totals);
                try (Connection connection = dataSource.getConnection()) {
                    inFlight.begin(connection);
                    try {
                        return deleter.deleteBatch(connection, after, limit, limits.maxRowsPerTransaction(),
                                (rows, byTenant, took) -> committed(totals, target.table(), batchNumber, rows,
                                        byTenant, took, limit));
                    } finally {
                        inFlight.end(connection);
                    }
                } catch (SQLException e) {
                    if (inFlight.cancelled() && stop.requested() != null) {
                        // We cancelled it (57014 would otherwise be retried as transient): it rolled back; stop.
                        throw new Abandoned(stop.requested());
                    }
                    if (TransientErrors.transientState(e).filter(TIMEOUT_STATES::contains).isPresent()) {
                        sizer.recordTimeout();
                    }
                    throw e;
                }
            });
            if (outcome.selected() == 0) {
                LOG.debug("{}: nothing eligible left", table);
                return null;
            }
            position = outcome.last();
            totals.addHeld(target.table(), outcome.held());
            sizer.recordBatch(outcome.full(), outcome.took());
            sizer.fitTransaction((double) outcome.rows() / outcome.selected(), limits.maxRowsPerTransaction());
            if (!limits.sleep().isZero()) {
                sleeper.sleep(limits.sleep());
            }
        }
    }

    /**
     * Before a target's rows: its graph's partitions whose rows all go, each in its own short transaction after the
     * guards, leaf tables first. A partition that cannot go (a row stays, a lock is not granted in time through every
     * retry, a reference from outside) is left to the row engine that follows.
     */
    private StopSignal.Request removePartitions(CutoffTable cutoffs, TargetPlan target, RunTotals totals,
            Instant started) throws SQLException, InterruptedException {
        if (target.partitioning().mode() == PartitionMode.ROWS) {
            return null;
        }
        PartitionRemover remover = new PartitionRemover(target, new Statements(target));
        String table = target.table().display();
        List<PartitionRemover.Candidate> candidates = retry.run("finding partitions of " + table + " to remove", () -> {
            try (Connection connection = dataSource.getConnection()) {
                return remover.candidates(connection, cutoffs.bind(connection));
            }
        });
        for (PartitionRemover.Candidate candidate : candidates) {
            StopSignal.Request stopped = clearance(stopCondition(totals, started));
            if (stopped != null) {
                return stopped;
            }
            String partition = candidate.partition().name().display();
            PartitionRemover.Removal removal;
            try {
                removal = retry.run("removing partition " + partition, () -> {
                    try (Connection connection = dataSource.getConnection();
                            ArchiveStep archived = archive == null ? null : archive.step(target)) {
                        inFlight.begin(connection);
                        try {
                            return remover.remove(connection, cutoffs.bind(connection), candidate,
                                    partitionSettings, rowsLeft(totals), limits.maxRowsPerTransaction(), archived);
                        } finally {
                            inFlight.end(connection);
                        }
                    }
                });
            } catch (SQLException e) {
                // Not owner, a lock never granted, a proof slower than --statement-timeout: the rows still go as rows.
                removal = PartitionRemover.Removal.kept(candidate, "55P03".equals(e.getSQLState())
                        ? "its locks were not granted within --ddl-lock-timeout "
                                + Units.formatDuration(partitionSettings.ddlLockTimeout()) + " in "
                                + (retry.maxRetries() + 1) + " tries"
                        : describe(e));
            }
            if (!removal.removed()) {
                LOG.atInfo().addKeyValue("event", "partition_kept").addKeyValue("partition", partition)
                        .log("{}: kept partition {} for the row engine: {}", candidate.table().display(), partition,
                                removal.keptBecause());
                continue;
            }
            partitionRemoved(totals, remover.action(), removal);
        }
        return null;
    }

    private void partitionRemoved(RunTotals totals, PartitionRemoval.Action action, PartitionRemover.Removal removal) {
        TableName table = removal.candidate().table();
        removal.referencing().forEach(totals::add);
        totals.add(table, removal.rows());
        removal.rowsByTenant().forEach((tenant, n) -> totals.addTargets(table, tenant, n));
        PartitionRemoval removed = removal.candidate().removal(action, removal.rows());
        totals.addPartition(removed);
        LOG.atInfo().addKeyValue("event", "partition_removed").addKeyValue("table", table.display())
                .addKeyValue("partition", removed.partition().display()).addKeyValue("action", action)
                .addKeyValue("rows", removed.rows()).log("{}: {} partition {} ({} rows)", table.display(),
                        action.word(), removed.partition().display(), removed.rows());
    }

    /**
     * Before each step (a batch, a partition): {@code stopped} if a stop condition holds, else what the guards say
     * (pause, then go on or stop), else whether this run still holds the run lock; null to go on.
     */
    private StopSignal.Request clearance(StopSignal.Request stopped) throws SQLException, InterruptedException {
        if (stopped != null) {
            return stopped;
        }
        StopSignal.Request guarded = gate.clearance();
        if (guarded != null) {
            return guarded;
        }
        return retry.run("checking the run lock", lock::held) ? null : new StopSignal.Request(Outcome.SKIPPED_LOCKED,
                "the session holding the run lock ended and another run has taken the lock since; stopped so that"
                        + " only one run deletes");
    }

    /** Target rows the run may still remove under --max-rows; null without it. */
    private Long rowsLeft(RunTotals totals) {
        return limits.maxRows() == null ? null : limits.maxRows() - totals.targetRows();
    }

    private void committed(RunTotals totals, TableName table, long batchNumber, Map<TableName, Long> rows,
            Map<String, Long> byTenant, Duration took, int limit) {
        rows.forEach(totals::add);
        byTenant.forEach((tenant, n) -> totals.addTargets(table, tenant, n));
        long targetRows = byTenant.values().stream().mapToLong(Long::longValue).sum();
        if (!byTenant.isEmpty()) {
            totals.countBatch();
        }
        BatchCommitted event = new BatchCommitted(table, batchNumber, rows, targetRows, took, limit);
        LOG.atDebug().addKeyValue("event", "batch_committed").addKeyValue("table", table.display())
                .addKeyValue("batch", batchNumber).addKeyValue("rows", event.totalRows())
                .addKeyValue("target_rows", targetRows).addKeyValue("duration_ms", took.toMillis())
                .log("{} batch {}: {} rows in {} ms", table, batchNumber, event.totalRows(), took.toMillis());
        listener.batchCommitted(event);
    }

    private boolean reachedMaxRows(RunTotals totals) {
        return limits.maxRows() != null && totals.targetRows() >= limits.maxRows();
    }

    private boolean anyLeft(TargetDeleter deleter, String table, Keyset position) throws SQLException {
        return retry.run("looking for more rows of " + table, () -> {
            try (Connection connection = dataSource.getConnection()) {
                return deleter.anyLeft(connection, position);
            }
        });
    }

    private int batchLimit(RunTotals totals) {
        long limit = Math.min(sizer.current(), limits.maxRowsPerTransaction());
        if (limits.maxRows() != null) {
            limit = Math.min(limit, limits.maxRows() - totals.targetRows());
        }
        return (int) Math.max(limit, 1);
    }

    private StopSignal.Request stopCondition(RunTotals totals, Instant started) {
        StopSignal.Request requested = stop.requested();
        if (requested != null) {
            return requested;
        }
        if (reachedMaxRows(totals)) {
            return new StopSignal.Request(Outcome.STOPPED_BY_LIMIT,
                    "max-rows " + limits.maxRows() + " reached; re-run to continue");
        }
        if (limits.maxRuntime() != null) {
            Duration ran = Duration.between(started, clock.instant());
            if (ran.compareTo(limits.maxRuntime()) >= 0) {
                return new StopSignal.Request(Outcome.STOPPED_BY_LIMIT,
                        "max-runtime " + Units.formatDuration(limits.maxRuntime()) + " reached; re-run to continue");
            }
        }
        return null;
    }

    /** A stop requested while a batch was being (re)tried: the batch did not commit; end the loop. */
    private static final class Abandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient StopSignal.Request request;

        Abandoned(StopSignal.Request request) {
            super(request.reason(), null, false, false);
            this.request = request;
        }
    }

    /** The stop reason for an exception nobody expected; its stack trace goes to the log with -v. */
    static String unexpected(RuntimeException e) {
        LOG.error("the run failed: {}", e.toString());
        LOG.debug("stack trace of the failure", e);
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
        return e.getClass().getSimpleName() + message;
    }

    /**
     * One line for the report's stop_reason and the log: the server's message, where it happened, and for a lock
     * that outlasted every retry, what it means and what to do.
     */
    static String describe(SQLException e) {
        String state = e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")";
        String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
        String where = ServerErrors.context(e).map(w -> " " + w).orElse("");
        if ("55P03".equals(e.getSQLState())) {
            return message + where + state + ": another session held a lock this batch needs (a row it deletes or"
                    + " checks, or a whole table) for longer than --lock-timeout, through every retry; the batches"
                    + " committed before it stay, and a re-run continues once that session ends (look for"
                    + " 'idle in transaction' in pg_stat_activity)";
        }
        return message + where + state;
    }
}
