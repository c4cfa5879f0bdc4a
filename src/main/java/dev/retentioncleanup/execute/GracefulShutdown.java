package dev.retentioncleanup.execute;

import dev.retentioncleanup.result.Outcome;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What SIGTERM/SIGINT mean for a run: no new batch starts; the running batch may commit within the grace,
 * after which it is cancelled (rolled back); the run then ends normally, so the report and every listener
 * still go out. A second signal cancels the running batch at once.
 */
public final class GracefulShutdown {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);
    /** A cancel can land between two statements of a batch and do nothing; keep sending until the batch ends. */
    private static final long CANCEL_REPEAT_MILLIS = 200;

    private final StopSignal stop;
    private final InFlightBatch batch;
    private final Duration grace;
    private final AtomicInteger signals = new AtomicInteger();

    public GracefulShutdown(StopSignal stop, InFlightBatch batch, Duration grace) {
        this.stop = stop;
        this.batch = batch;
        this.grace = grace;
    }

    /** Called from the signal handler's thread; returns at once. */
    public void signalled(Outcome outcome, String signal) {
        int count = signals.incrementAndGet();
        if (count == 1) {
            stop.request(outcome, signal + " received: stopped before the next batch; re-run to continue");
            LOG.warn("{} received: no new batch starts; the running one may commit within {} ms, then it is cancelled"
                    + " (send it again to cancel now)", signal, grace.toMillis());
            Thread watchdog = new Thread(() -> cancelAfter(grace), "retention-shutdown-grace");
            watchdog.setDaemon(true);
            watchdog.start();
        } else {
            LOG.warn("{} received again: cancelling the running batch now", signal);
            Thread now = new Thread(() -> cancelAfter(Duration.ZERO), "retention-shutdown-cancel");
            now.setDaemon(true);
            now.start();
        }
    }

    public Duration grace() {
        return grace;
    }

    private void cancelAfter(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            while (batch.running()) {
                batch.cancel();
                Thread.sleep(CANCEL_REPEAT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
