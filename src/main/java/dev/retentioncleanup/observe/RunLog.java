package dev.retentioncleanup.observe;

import dev.retentioncleanup.result.GuardEvent;
import dev.retentioncleanup.result.Outcome;
import dev.retentioncleanup.result.RunResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's milestones as log lines with key-value pairs ({@code event}, {@code table}, {@code rows}, …) that
 * {@code --log-format json} turns into fields. At the end, the text log has {@link Summary}; the structured log
 * gets one {@code table_done} line per table, {@code tenant_done} per tenant (-v) and a {@code run_finished}.
 */
public final class RunLog implements RunListener {
    private static final Logger LOG = LoggerFactory.getLogger("dev.retentioncleanup.run");

    private final boolean structuredEnd;

    public RunLog(boolean structuredEnd) {
        this.structuredEnd = structuredEnd;
    }

    @Override
    public void runStarted(RunStarted e) {
        LOG.atInfo().addKeyValue("event", "run_started").addKeyValue("dry_run", e.dryRun())
                .addKeyValue("tenants", e.tenants()).addKeyValue("skipped_tenants", e.skippedTenants())
                .addKeyValue("tables", e.deleteOrder().size())
                .log("{} {} started: {} tenants ({} without a policy, kept), {} tables",
                        e.dryRun() ? "dry run" : "run", e.runId(), e.tenants(), e.skippedTenants(),
                        e.deleteOrder().size());
    }

    @Override
    public void guardEvent(GuardEvent e) {
        LOG.atWarn().addKeyValue("event", "guard_" + e.action().label()).addKeyValue("guard", e.guard())
                .addKeyValue("reading", e.reading()).addKeyValue("limit", e.limit())
                .log("guard {}: {} ({})", e.guard(), e.action().label(), e.reason());
    }

    @Override
    public void runFinished(RunResult r) {
        if (!structuredEnd) {
            return;
        }
        r.tables().forEach((table, rows) -> LOG.atInfo().addKeyValue("event", "table_done")
                .addKeyValue("table", table.display()).addKeyValue("rows", rows)
                .log("{}: {} {} rows", table.display(), r.dryRun() ? "would delete" : "deleted", rows));
        r.tenants().forEach((tenant, t) -> LOG.atDebug().addKeyValue("event", "tenant_done")
                .addKeyValue("tenant", tenant).addKeyValue("rows", t.rows().values().stream()
                        .mapToLong(Long::longValue).sum())
                .addKeyValue("cutoff", t.cutoff().toString())
                .log("tenant {}: {} target rows", tenant, t.rows()));
        var line = r.outcome() == Outcome.FAILED || r.outcome() == Outcome.NOT_WRITABLE ? LOG.atError() : LOG.atInfo();
        line.addKeyValue("event", "run_finished").addKeyValue("status", r.outcome().status())
                .addKeyValue("exit_code", r.exitCode()).addKeyValue("dry_run", r.dryRun())
                .addKeyValue("rows", r.totalRows()).addKeyValue("batches", r.batches())
                .addKeyValue("duration_ms", r.duration().toMillis()).addKeyValue("wal_bytes", r.walBytes())
                .addKeyValue("stop_reason", r.stopReason())
                .log("{}: {} rows in {} batches", r.outcome().status(), r.totalRows(), r.batches());
    }
}
