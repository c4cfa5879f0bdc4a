package dev.retentioncleanup.observe.http;

import dev.retentioncleanup.db.Sleeper;
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
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final int MAX_ATTEMPTS = 4;
    /** Less than this left is not worth an attempt or a wait. */
    private static final Duration TOO_SHORT = Duration.ofMillis(50);

    private final HttpClient http;
    private final Duration requestTimeout;
    private final Duration budget;
    private final Sleeper sleeper;
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
        this.sleeper = sleeper;
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
        Duration backoff = FIRST_BACKOFF;
        String detail = "no time left in the budget";
        int attempt = 0;
        while (attempt < MAX_ATTEMPTS) {
            Duration left = Duration.ofNanos(until - nanoTime.getAsLong());
            if (left.compareTo(TOO_SHORT) < 0) {
                break;
            }
            attempt++;
            Failure failure = attempt(request, requestTimeout.compareTo(left) < 0 ? requestTimeout : left);
            if (failure == null) {
                return new Delivery(true, attempt, "ok");
            }
            detail = failure.detail();
            if (!failure.retry()) {
                break;
            }
            Duration wait = Duration.ofNanos(Math.min(backoff.toNanos(), until - nanoTime.getAsLong()));
            if (attempt < MAX_ATTEMPTS && wait.compareTo(TOO_SHORT) >= 0) {
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        return new Delivery(false, attempt, detail);
    }

    private record Failure(boolean retry, String detail) {
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
