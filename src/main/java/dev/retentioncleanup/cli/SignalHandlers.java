package dev.retentioncleanup.cli;

import dev.retentioncleanup.execute.GracefulShutdown;
import dev.retentioncleanup.result.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT during a run, through {@code sun.misc.Signal} rather than a shutdown hook. A hook cannot
 * tell SIGTERM from SIGINT (the report and the exit code must: 143 vs 130), and it runs while the JVM is
 * already exiting, so the main thread would race the hook to write the report and the hook would have to
 * {@code halt}. With a handler the JVM does not start exiting at all: the handler only asks the run to stop,
 * the main thread finishes the run and its report as usual and exits with the run's code.
 *
 * <p>Safety net: if the run has not ended {@link #REPORTING_BUDGET} after the grace (the heartbeat's own
 * bound is about half a minute), the process halts with the signal's exit code rather than hang a pod. The
 * previous handlers come back when the run ends, so in-process callers (tests) keep their own.
 */
final class SignalHandlers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SignalHandlers.class);
    static final Duration REPORTING_BUDGET = Duration.ofSeconds(40);

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile boolean finished;

    private SignalHandlers() {
    }

    static SignalHandlers install(GracefulShutdown shutdown) {
        SignalHandlers handlers = new SignalHandlers();
        handlers.handle("TERM", Outcome.INTERRUPTED_SIGTERM, shutdown);
        handlers.handle("INT", Outcome.INTERRUPTED_SIGINT, shutdown);
        return handlers;
    }

    private void handle(String name, Outcome outcome, GracefulShutdown shutdown) {
        try {
            Signal signal = new Signal(name);
            SignalHandler old = Signal.handle(signal, s -> {
                shutdown.signalled(outcome, "SIG" + name);
                armHalt(shutdown.grace(), outcome.exitCode().code());
            });
            signals.add(signal);
            previous.add(old);
        } catch (IllegalArgumentException e) {
            // The JVM reserves the signal (e.g. started with -Xrs): the default behaviour stays.
            LOG.debug("cannot handle SIG{}: {}", name, e.getMessage());
        }
    }

    private void armHalt(Duration grace, int exitCode) {
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(grace.plus(REPORTING_BUDGET).toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (!finished) {
                LOG.error("the run did not end within --shutdown-grace plus {}s after the signal; exiting {} now",
                        REPORTING_BUDGET.toSeconds(), exitCode);
                Runtime.getRuntime().halt(exitCode);
            }
        }, "retention-shutdown-halt");
        halt.setDaemon(true);
        halt.start();
    }

    @Override
    public void close() {
        finished = true;
        for (int i = 0; i < signals.size(); i++) {
            try {
                Signal.handle(signals.get(i), previous.get(i));
            } catch (IllegalArgumentException ignored) {
                // cannot happen for a signal we installed; nothing to restore
            }
        }
    }
}
