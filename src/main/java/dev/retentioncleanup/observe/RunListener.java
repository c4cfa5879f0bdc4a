package dev.retentioncleanup.observe;

import dev.retentioncleanup.result.GuardEvent;
import dev.retentioncleanup.result.RunResult;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the executor tells the outside world. Implementations must not throw into the run: the
 * composite catches, logs and carries on, so a broken observer never stops a deletion half-way.
 */
public interface RunListener {
    default void runStarted(RunStarted event) {
    }

    default void batchCommitted(BatchCommitted event) {
    }

    default void guardEvent(GuardEvent event) {
    }

    default void runFinished(RunResult result) {
    }

    RunListener NONE = new RunListener() {
    };

    static RunListener all(List<RunListener> listeners) {
        return new Composite(List.copyOf(listeners));
    }

    /** Fans events out; an observer's failure is logged and never reaches the executor. */
    final class Composite implements RunListener {
        private static final Logger LOG = LoggerFactory.getLogger(Composite.class);
        private final List<RunListener> listeners;

        private Composite(List<RunListener> listeners) {
            this.listeners = listeners;
        }

        @Override
        public void runStarted(RunStarted event) {
            each(l -> l.runStarted(event));
        }

        @Override
        public void batchCommitted(BatchCommitted event) {
            each(l -> l.batchCommitted(event));
        }

        @Override
        public void guardEvent(GuardEvent event) {
            each(l -> l.guardEvent(event));
        }

        @Override
        public void runFinished(RunResult result) {
            each(l -> l.runFinished(result));
        }

        private void each(java.util.function.Consumer<RunListener> call) {
            for (RunListener listener : listeners) {
                try {
                    call.accept(listener);
                } catch (RuntimeException e) {
                    LOG.warn("observer {} failed: {}", listener.getClass().getSimpleName(), e.toString());
                }
            }
        }
    }
}
