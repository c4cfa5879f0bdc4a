package dev.retentioncleanup.observe.heartbeat;

import dev.retentioncleanup.observe.RunListener;
import dev.retentioncleanup.observe.RunStarted;
import dev.retentioncleanup.observe.Summary;
import dev.retentioncleanup.observe.http.HttpSender;
import dev.retentioncleanup.result.Outcome;
import dev.retentioncleanup.result.RunResult;
import dev.retentioncleanup.url.HttpUrl;
import java.time.Duration;
import java.util.UUID;

/**
 * Tells a cron monitor that the run started and how it ended. The start ping goes out once the run holds its
 * lock ({@link RunStarted}), so a run skipped because another holds the lock (exit 4) never leaves an unmatched
 * start open: it only sends a {@code /log} event. Dry runs are never wired with a heartbeat.
 */
public final class Heartbeat implements RunListener {
    /** "About half a minute in total", across the start and the end ping: what a hung monitor may cost the run. */
    public static final Duration BUDGET = Duration.ofSeconds(30);
    /** The start ping may use a third of the budget; the end ping, which carries the verdict, gets the rest. */
    private static final Duration START_CAP = BUDGET.dividedBy(3);
    /** Healthchecks keeps the first 100 kB of a body; a summary is far shorter, this bounds a pathological one. */
    private static final int MAX_BODY = 10_000;

    private final HeartbeatUrls urls;
    private final HttpSender sender;

    /** @param sender one per run, with {@link #BUDGET}: every ping of the run shares it */
    private Heartbeat(HeartbeatUrls urls, HttpSender sender) {
        this.urls = urls;
        this.sender = sender;
    }

    public static Heartbeat of(HeartbeatUrls urls, Duration requestTimeout) {
        return new Heartbeat(urls, new HttpSender(requestTimeout, BUDGET));
    }

    @Override
    public void runStarted(RunStarted event) {
        if (event.dryRun() || urls.start() == null) {
            return;
        }
        send("start", HeartbeatUrls.render(urls.start(), event.runId(), 0, "running"), "", START_CAP);
    }

    @Override
    public void runFinished(RunResult result) {
        if (result.dryRun()) {
            return;
        }
        ended(result.runId(), result.outcome(), Summary.lines(result) + "\nrun_id: " + result.runId());
    }

    /**
     * The end of a run, also one that failed before it had a {@link RunResult} (bad configuration); the body
     * gets the exit code as its last line.
     */
    public void ended(UUID runId, Outcome outcome, String text) {
        String body = text + "\nexit code: " + outcome.exitCode().code() + "\n";
        String what = switch (outcome.exitCode()) {
            case SKIPPED_LOCKED -> "log";
            case COMPLETED -> "success";
            default -> "failure";
        };
        String template = switch (what) {
            case "log" -> urls.log();
            case "success" -> urls.success();
            default -> urls.failure();
        };
        if (template != null) {
            send(what, HeartbeatUrls.render(template, runId, outcome.exitCode().code(), outcome.status()), body,
                    BUDGET);
        }
    }

    /** Templates were checked as URLs when the settings resolved; the filled-in values are a UUID, a number, a word. */
    private void send(String what, String url, String body, Duration cap) {
        String bounded = body.length() <= MAX_BODY ? body : body.substring(0, MAX_BODY) + "\n…";
        sender.post("heartbeat " + what, HttpUrl.parse(url), "text/plain; charset=utf-8", bounded, cap);
    }
}
