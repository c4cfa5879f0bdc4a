package dev.retentioncleanup.observe.heartbeat;

import dev.retentioncleanup.db.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends pings with a per-request timeout and retries (network errors, 408, 429, 5xx) with exponential backoff,
 * all inside one budget shared by every ping of the run: a monitor that is down or hangs costs the job at most
 * {@link #TOTAL_BUDGET}, and it never throws — a monitor never changes how the run ends.
 */
public final class HeartbeatClient {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatClient.class);
    /** "About half a minute in total" (DESIGN §2), across the start and the end ping. */
    public static final Duration TOTAL_BUDGET = Duration.ofSeconds(30);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final int MAX_ATTEMPTS = 4;
    /** Healthchecks keeps the first 100 kB of a body; a summary is far shorter, this bounds a pathological one. */
    private static final int MAX_BODY = 10_000;

    private final HttpClient http;
    private final Duration requestTimeout;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;
    private final Duration budget;
    /** Time spent pinging so far (not wall-clock since start: a two-hour run still has its whole budget). */
    private long spentNanos;

    public HeartbeatClient(Duration requestTimeout) {
        this(requestTimeout, TOTAL_BUDGET, Sleeper.SYSTEM, System::nanoTime);
    }

    HeartbeatClient(Duration requestTimeout, Duration budget, Sleeper sleeper, LongSupplier nanoTime) {
        this.requestTimeout = requestTimeout;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
        this.budget = budget;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** What happened to one ping; tests and the log read it. */
    public record Delivery(boolean delivered, int attempts, String detail) {
    }

    /**
     * POSTs {@code body} to {@code url}, giving up after {@code cap} or when the run's budget of ping time is
     * spent, whichever comes first. Never throws.
     */
    public synchronized Delivery send(String what, String url, String body, Duration cap) {
        long began = nanoTime.getAsLong();
        try {
            return sendWithin(what, url, body, began + Math.min(cap.toNanos(), budget.toNanos() - spentNanos));
        } finally {
            spentNanos += nanoTime.getAsLong() - began;
        }
    }

    private Delivery sendWithin(String what, String url, String body, long until) {
        Duration backoff = FIRST_BACKOFF;
        String detail = "no time left in the heartbeat budget";
        int attempt = 0;
        while (attempt < MAX_ATTEMPTS) {
            Duration left = Duration.ofNanos(until - nanoTime.getAsLong());
            if (left.toMillis() < 50) {
                break;
            }
            attempt++;
            Duration timeout = requestTimeout.compareTo(left) < 0 ? requestTimeout : left;
            Retryable outcome = attempt(url, body, timeout);
            if (outcome == null) {
                LOG.debug("heartbeat {} delivered (attempt {})", what, attempt);
                return new Delivery(true, attempt, "ok");
            }
            detail = outcome.detail;
            if (!outcome.retry) {
                break;
            }
            Duration wait = Duration.ofNanos(Math.min(backoff.toNanos(), until - nanoTime.getAsLong()));
            if (attempt < MAX_ATTEMPTS && wait.toMillis() >= 50) {
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        LOG.warn("heartbeat {} not delivered after {} attempt(s): {} (the run's exit code is unaffected)",
                what, attempt, detail);
        return new Delivery(false, attempt, detail);
    }

    private record Retryable(boolean retry, String detail) {
    }

    /** Null when delivered; otherwise whether trying again could help. */
    private Retryable attempt(String url, String body, Duration timeout) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .header("User-Agent", "retention-cleanup")
                    .POST(HttpRequest.BodyPublishers.ofString(truncate(body), StandardCharsets.UTF_8))
                    .build();
        } catch (IllegalArgumentException e) {
            return new Retryable(false, "bad URL: " + e.getMessage());
        }
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return null;
            }
            boolean retry = status == 408 || status == 429 || status >= 500;
            return new Retryable(retry, "HTTP " + status);
        } catch (IOException e) {
            return new Retryable(true, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Retryable(false, "interrupted");
        }
    }

    private static String truncate(String body) {
        return body.length() <= MAX_BODY ? body : body.substring(0, MAX_BODY) + "\n…";
    }
}
