package dev.retentioncleanup.observe.http;

import dev.retentioncleanup.retry.Backoff;
import dev.retentioncleanup.retry.RetryLoop;
import dev.retentioncleanup.retry.Sleeper;
import dev.retentioncleanup.url.Credentials;
import dev.retentioncleanup.url.HttpUrl;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs to a monitor or a Pushgateway: retries network errors, timeouts, 408, 429 and 5xx with exponential backoff,
 * all inside one budget shared by every request of this sender. Each attempt is bounded as a whole — connect,
 * request, response headers and body — because the JDK's request timeout stops at the headers: a server that sends
 * them and then stalls would otherwise hold the run (and its advisory lock) until it is killed. Never throws and
 * never logs more of a URL than scheme, host and port: what a monitor does never changes how the run ends.
 */
public final class HttpSender {
    private static final Logger LOG = LoggerFactory.getLogger(HttpSender.class);
    /** 500ms, 1s, 2s between four attempts, without jitter: a monitor is not a herd. */
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5), () -> 1.0);
    private static final int MAX_RETRIES = 3;
    /** Less than this left is not worth an attempt or a wait. */
    private static final Duration TOO_SHORT = Duration.ofMillis(50);

    private final HttpClient http;
    private final Duration requestTimeout;
    private final Duration budget;
    private final RetryLoop loop;
    private final LongSupplier nanoTime;
    /** Time spent sending so far (not wall-clock since start: a two-hour run still has its whole budget). */
    private long spentNanos;

    /** What happened to one message; tests and the log read it. */
    public record Delivery(boolean delivered, int attempts, String detail) {
    }

    public HttpSender(Duration requestTimeout, Duration budget) {
        this(requestTimeout, budget, Sleeper.SYSTEM, System::nanoTime);
    }

    HttpSender(Duration requestTimeout, Duration budget, Sleeper sleeper, LongSupplier nanoTime) {
        this.requestTimeout = requestTimeout;
        this.budget = budget;
        this.loop = new RetryLoop(MAX_RETRIES, BACKOFF, sleeper, nanoTime);
        this.nanoTime = nanoTime;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(requestTimeout).build();
    }

    /**
     * POSTs {@code body} to {@code url} (with Basic auth when it has credentials), giving up after {@code cap} or when
     * the budget is spent, whichever comes first.
     *
     * @param what names the message in the log, e.g. "heartbeat start"
     */
    public synchronized Delivery post(String what, HttpUrl url, String contentType, String body, Duration cap) {
        long began = nanoTime.getAsLong();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(url.uri())
                    .header("Content-Type", contentType)
                    .header("User-Agent", "retention-cleanup")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            url.credentials().map(Credentials::basicAuthorization).ifPresent(auth -> request.header("Authorization", auth));
            Delivery delivery = retry(request.build(), began + Math.min(cap.toNanos(), budget.toNanos() - spentNanos));
            if (delivery.delivered()) {
                LOG.debug("{} delivered to {} (attempt {})", what, url, delivery.attempts());
            } else {
                LOG.warn("{} not delivered to {} after {} attempt(s): {} (the run's exit code is unaffected)", what,
                        url, delivery.attempts(), delivery.detail());
            }
            return delivery;
        } finally {
            spentNanos += nanoTime.getAsLong() - began;
        }
    }

    private Delivery retry(HttpRequest request, long until) {
        int[] attempts = {0};
        String[] last = {"no time left in the budget"};
        try {
            loop.run(Failure.class, () -> {
                Duration left = Duration.ofNanos(until - nanoTime.getAsLong());
                if (left.compareTo(TOO_SHORT) < 0) {
                    throw new Failure(false, last[0]); // not worth an attempt: the last one's answer stands
                }
                attempts[0]++;
                Failure failure = attempt(request, requestTimeout.compareTo(left) < 0 ? requestTimeout : left);
                if (failure != null) {
                    last[0] = failure.detail;
                    throw failure;
                }
                return null;
            }, Failure::retry, until);
            return new Delivery(true, attempts[0], "ok");
        } catch (Failure failure) {
            return new Delivery(false, attempts[0], failure.detail);
        }
    }

    /** Why an attempt did not deliver, and whether trying again could help. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean retry;
        private final String detail;

        Failure(boolean retry, String detail) {
            super(detail, null, false, false);
            this.retry = retry;
            this.detail = detail;
        }

        boolean retry() {
            return retry;
        }
    }

    /** Null when delivered; otherwise why not, and whether trying again could help. */
    private Failure attempt(HttpRequest request, Duration timeout) {
        CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            int status = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS).statusCode();
            if (status >= 200 && status < 300) {
                return null;
            }
            return new Failure(status == 408 || status == 429 || status >= 500, "HTTP " + status);
        } catch (TimeoutException e) {
            return new Failure(true, "no complete answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new Failure(true, cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failure(false, "interrupted");
        } finally {
            exchange.cancel(true); // a stalled exchange: close its connection rather than leave it to the pool
        }
    }
}
