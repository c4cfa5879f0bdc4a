package dev.retentioncleanup.observe.heartbeat;

import dev.retentioncleanup.ExitCode;
import dev.retentioncleanup.observe.RunListener;
import dev.retentioncleanup.observe.RunResult;
import dev.retentioncleanup.observe.RunStarted;
import dev.retentioncleanup.observe.Summary;
import java.time.Duration;
import java.util.UUID;

/**
 * Tells a cron monitor that the run started and how it ended. The start ping goes out once the run holds its
 * lock ({@link RunStarted}), so a run skipped because another holds the lock (exit 4) never leaves an unmatched
 * start open: it only sends a {@code /log} event. Dry runs are never wired with a heartbeat.
 */
public final class Heartbeat implements RunListener {
    /** The start ping may use a third of the budget; the end ping, which carries the verdict, gets the rest. */
    private static final Duration START_CAP = HeartbeatClient.TOTAL_BUDGET.dividedBy(3);

    private final HeartbeatUrls urls;
    private final HeartbeatClient client;

    public Heartbeat(HeartbeatUrls urls, HeartbeatClient client) {
        this.urls = urls;
        this.client = client;
    }

    @Override
    public void runStarted(RunStarted event) {
        if (event.dryRun() || urls.start() == null) {
            return;
        }
        client.send("start", HeartbeatUrls.render(urls.start(), event.runId(), 0, "running"), "", START_CAP);
    }

    @Override
    public void runFinished(RunResult result) {
        if (result.dryRun()) {
            return;
        }
        String body = Summary.lines(result) + "\nrun_id: " + result.runId() + "\nexit code: " + result.exitCode()
                + "\n";
        ended(result.runId(), result.exitCode(), result.outcome().status(), body);
    }

    /** The end of a run, also one that failed before it had a {@link RunResult} (bad configuration). */
    public void ended(UUID runId, int exitCode, String status, String body) {
        String template;
        String what;
        if (exitCode == ExitCode.SKIPPED_LOCKED.code()) {
            template = urls.log();
            what = "log";
        } else if (exitCode == ExitCode.COMPLETED.code()) {
            template = urls.success();
            what = "success";
        } else {
            template = urls.failure();
            what = "failure";
        }
        if (template != null) {
            client.send(what, HeartbeatUrls.render(template, runId, exitCode, status), body,
                    HeartbeatClient.TOTAL_BUDGET);
        }
    }
}
