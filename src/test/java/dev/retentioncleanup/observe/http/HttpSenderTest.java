package dev.retentioncleanup.observe.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.retentioncleanup.testing.StallingHttpServer;
import dev.retentioncleanup.url.Credentials;
import dev.retentioncleanup.url.HttpUrl;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retry and budget rules, against a loopback server, with a fake clock that only moves when the sender waits. */
class HttpSenderTest {
    private HttpServer server;
    private final AtomicInteger status = new AtomicInteger(503);
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpSender sender(Duration budget) {
        return new HttpSender(Duration.ofSeconds(10), budget, d -> {
            sleeps.add(d);
            now.addAndGet(d.toNanos());
        }, now::get);
    }

    private HttpUrl url() {
        return HttpUrl.parse("http://127.0.0.1:" + server.getAddress().getPort() + "/ping");
    }

    private static HttpSender.Delivery post(HttpSender sender, HttpUrl url, Duration cap) {
        return sender.post("test", url, "text/plain", "body", cap);
    }

    @Test
    void server_errors_are_retried_with_doubling_backoff_up_to_four_attempts() {
        HttpSender.Delivery d = post(sender(Duration.ofSeconds(30)), url(), Duration.ofSeconds(30));

        assertThat(d).isEqualTo(new HttpSender.Delivery(false, 4, "HTTP 503"));
        assertThat(requests).hasValue(4);
        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void the_cap_cuts_the_retries_short() {
        HttpSender.Delivery d = post(sender(Duration.ofSeconds(30)), url(), Duration.ofMillis(1200));

        assertThat(d.attempts()).isEqualTo(2);
        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(700));
    }

    @Test
    void the_budget_is_shared_by_every_request_of_the_sender() {
        HttpSender sender = sender(Duration.ofSeconds(2));
        post(sender, url(), Duration.ofSeconds(30)); // 500ms + 1s + 500ms: the budget is spent
        int before = requests.get();

        HttpSender.Delivery end = post(sender, url(), Duration.ofSeconds(30));

        assertThat(end).isEqualTo(new HttpSender.Delivery(false, 0, "no time left in the budget"));
        assertThat(requests).hasValue(before);
    }

    @Test
    void a_long_run_does_not_use_up_the_budget_only_sending_does() {
        HttpSender sender = sender(Duration.ofSeconds(30));
        status.set(200);
        post(sender, url(), Duration.ofSeconds(10));
        now.addAndGet(Duration.ofHours(2).toNanos()); // the run deletes for two hours

        HttpSender.Delivery end = post(sender, url(), Duration.ofSeconds(30));

        assertThat(end).isEqualTo(new HttpSender.Delivery(true, 1, "ok"));
        assertThat(requests).hasValue(2);
    }

    @Test
    void client_errors_are_not_retried_and_throttling_is() {
        status.set(400);
        assertThat(post(sender(Duration.ofSeconds(30)), url(), Duration.ofSeconds(30)).attempts()).isEqualTo(1);
        status.set(429);
        assertThat(post(sender(Duration.ofSeconds(30)), url(), Duration.ofSeconds(30)).attempts()).isEqualTo(4);
        status.set(408);
        requests.set(0);
        post(sender(Duration.ofSeconds(30)), url(), Duration.ofSeconds(30));
        assertThat(requests).hasValue(4);
    }

    @Test
    void a_success_stops_at_once() {
        status.set(200);
        HttpSender.Delivery d = post(sender(Duration.ofSeconds(30)), url(), Duration.ofSeconds(30));

        assertThat(d).isEqualTo(new HttpSender.Delivery(true, 1, "ok"));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void a_refused_connection_is_a_network_error_and_retried() {
        HttpUrl closed = url();
        server.stop(0);
        HttpSender.Delivery d = post(sender(Duration.ofSeconds(30)), closed, Duration.ofSeconds(30));

        assertThat(d.delivered()).isFalse();
        assertThat(d.attempts()).isEqualTo(4);
        assertThat(d.detail()).startsWith("ConnectException");
    }

    @Test
    void credentials_go_as_basic_auth_and_none_without_them() {
        status.set(200);
        HttpUrl plain = url();
        HttpUrl withCredentials = new HttpUrl(plain.uri(), Optional.of(new Credentials("alice", "p@ss?#/w")));

        post(sender(Duration.ofSeconds(30)), withCredentials, Duration.ofSeconds(30));
        post(sender(Duration.ofSeconds(30)), plain, Duration.ofSeconds(30));

        assertThat(authorizations).containsExactly("Basic YWxpY2U6cEBzcz8jL3c=", "null");
    }

    /** Real time: headers arrive, the body never does; each attempt ends at its timeout, all of them within the cap. */
    @Test
    void a_server_that_stalls_mid_body_costs_at_most_the_cap() {
        try (StallingHttpServer stalling = new StallingHttpServer()) {
            HttpSender sender = new HttpSender(Duration.ofMillis(300), Duration.ofSeconds(30));
            long started = System.nanoTime();

            HttpSender.Delivery d = sender.post("test", HttpUrl.parse(stalling.url("/hang")), "text/plain", "x",
                    Duration.ofSeconds(1));

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(d.delivered()).isFalse();
            assertThat(d.attempts()).isEqualTo(2); // 300 ms, a 500 ms wait, the 200 ms left
            assertThat(d.detail()).startsWith("no complete answer within "); // about 200 ms
            assertThat(stalling.requests()).isEqualTo(2);
            assertThat(took).isBetween(Duration.ofMillis(950), Duration.ofMillis(1500));
        }
    }
}
