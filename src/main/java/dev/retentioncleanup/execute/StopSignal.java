package dev.retentioncleanup.execute;

import dev.retentioncleanup.result.Outcome;
import java.util.concurrent.atomic.AtomicReference;

/** Set from a signal handler or another thread; the batch loop checks it before starting each batch. */
public final class StopSignal {
    private final AtomicReference<Request> request = new AtomicReference<>();

    public record Request(Outcome outcome, String reason) {
    }

    public void request(Outcome outcome, String reason) {
        request.compareAndSet(null, new Request(outcome, reason));
    }

    public Request requested() {
        return request.get();
    }
}
