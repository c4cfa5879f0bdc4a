package dev.retentioncleanup.execute;

import dev.retentioncleanup.config.Settings;
import dev.retentioncleanup.config.Units;
import dev.retentioncleanup.guard.Guards;
import dev.retentioncleanup.guard.Verdict;
import dev.retentioncleanup.observe.RunListener;
import dev.retentioncleanup.result.GuardEvent;
import dev.retentioncleanup.result.Outcome;
import dev.retentioncleanup.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asked before every batch: proceeds when every guard does; while any pauses, sleeps in small steps and asks
 * again; stops when a guard says stop, or when the pause has lasted {@code --guard-wait} without a batch.
 *
 * <p>A pause episode of a guard starts the first time it pauses and ends the first time it lets a batch start
 * right away; it is logged and reported once, however many batches it spans. So WAL-rate pacing, which holds
 * back nearly every batch a little, is one episode, not one log line per batch.
 */
final class GuardGate {
    private static final Logger LOG = LoggerFactory.getLogger(GuardGate.class);
    /** Longest single sleep, so a stop request (SIGTERM) during a pause is noticed quickly. */
    private static final Duration MAX_STEP = Duration.ofMillis(250);
    private static final Duration MIN_STEP = Duration.ofMillis(10);

    private final Guards guards;
    private final DataSource dataSource;
    private final Duration guardWait;
    private final Duration recheck;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RunListener listener;
    private final StopSignal stop;
    private final Map<String, Instant> episodes = new LinkedHashMap<>();
    private final List<GuardEvent> events = new ArrayList<>();

    GuardGate(Guards guards, DataSource dataSource, Duration guardWait, Duration guardInterval, Clock clock,
            Sleeper sleeper, RunListener listener, StopSignal stop) {
        this.guards = guards;
        this.dataSource = dataSource;
        this.guardWait = guardWait;
        this.recheck = clamp(guardInterval, Duration.ofMillis(50), Duration.ofSeconds(1));
        this.clock = clock;
        this.sleeper = sleeper;
        this.listener = listener;
        this.stop = stop;
    }

    /** Blocks while the guards say pause; returns null to go on, or why the run must stop. */
    StopSignal.Request clearance() throws InterruptedException {
        if (guards.isEmpty()) {
            return null;
        }
        Instant pausedSince = null;
        boolean first = true;
        while (true) {
            StopSignal.Request requested = stop.requested();
            if (requested != null) {
                return requested;
            }
            Guards.Assessment assessment = guards.check(dataSource);
            Instant now = clock.instant();
            if (first) {
                endEpisodes(assessment, now);
                first = false;
            }
            startEpisodes(assessment, now);
            if (assessment.stop().isPresent()) {
                Verdict verdict = assessment.stop().get();
                record(verdict, Verdict.Action.STOP, now);
                LOG.error("guard {} stops the run: {}", verdict.guard(), verdict.why());
                return new StopSignal.Request(Outcome.STOPPED_BY_GUARD, "guard " + verdict.guard() + ": " + verdict.why());
            }
            if (assessment.proceeds()) {
                return null;
            }
            if (pausedSince == null) {
                pausedSince = now;
            }
            Duration paused = Duration.between(pausedSince, now);
            if (paused.compareTo(guardWait) >= 0) {
                Verdict verdict = assessment.pauses().get(0);
                record(verdict, Verdict.Action.STOP, now);
                String reason = "guard " + verdict.guard() + ": " + verdict.why() + "; paused " + Units.elapsed(paused)
                        + " (" + Settings.GUARD_WAIT.flag() + " " + Units.formatDuration(guardWait) + ")";
                LOG.error("stopping: {}", reason);
                return new StopSignal.Request(Outcome.STOPPED_BY_GUARD, reason);
            }
            Duration step = assessment.expectedWait().isZero() ? recheck : assessment.expectedWait();
            step = min(step, guardWait.minus(paused));
            sleepWatchingStop(clamp(step, MIN_STEP, step));
        }
    }

    List<GuardEvent> events() {
        return List.copyOf(events);
    }

    /** Guards that let this batch start at once end their episode. */
    private void endEpisodes(Guards.Assessment assessment, Instant now) {
        for (Verdict verdict : assessment.verdicts()) {
            Instant since = verdict.proceeds() ? episodes.remove(verdict.guard()) : null;
            if (since != null) {
                LOG.info("guard {} no longer holds the run back (episode of {})", verdict.guard(),
                        Units.elapsed(Duration.between(since, now)));
            }
        }
    }

    private void startEpisodes(Guards.Assessment assessment, Instant now) {
        for (Verdict verdict : assessment.pauses()) {
            if (episodes.putIfAbsent(verdict.guard(), now) == null) {
                // The verdict says what is over which limit, in units and as the user wrote the limit.
                LOG.warn("guard {} pauses the run: {}", verdict.guard(), verdict.why());
                record(verdict, Verdict.Action.PAUSE, now);
            }
        }
    }

    private void record(Verdict verdict, Verdict.Action action, Instant at) {
        GuardEvent event = new GuardEvent(verdict.guard(), action, verdict.reading(), verdict.limit(), verdict.why(), at);
        events.add(event);
        listener.guardEvent(event);
    }

    private void sleepWatchingStop(Duration total) throws InterruptedException {
        Duration left = total;
        while (left.compareTo(Duration.ZERO) > 0 && stop.requested() == null) {
            Duration step = min(left, MAX_STEP);
            sleeper.sleep(step);
            left = left.minus(step);
        }
    }

    private static Duration clamp(Duration d, Duration low, Duration high) {
        return d.compareTo(low) < 0 ? low : d.compareTo(high) > 0 ? high : d;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
