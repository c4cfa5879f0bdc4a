package dev.retentioncleanup.observe.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retry and budget rules, against a loopback server, with a fake clock that only moves when the client waits. */
class HeartbeatClientTest {
    private HttpServer server;
    private final AtomicInteger status = new AtomicInteger(503);
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong now = new AtomicLong();
    private final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
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

    private HeartbeatClient client(Duration budget) {
        return new HeartbeatClient(Duration.ofSeconds(10), budget, d -> {
            sleeps.add(d);
            now.addAndGet(d.toNanos());
        }, now::get);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ping";
    }

    @Test
    void server_errors_are_retried_with_doubling_backoff_up_to_four_attempts() {
        HeartbeatClient.Delivery d = client(Duration.ofSeconds(30)).send("end", url(), "body", Duration.ofSeconds(30));

        assertThat(d.delivered()).isFalse();
        assertThat(d.attempts()).isEqualTo(4);
        assertThat(d.detail()).isEqualTo("HTTP 503");
        assertThat(requests).hasValue(4);
        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void the_cap_cuts_the_retries_short() {
        HeartbeatClient.Delivery d = client(Duration.ofSeconds(30)).send("start", url(), "", Duration.ofMillis(1200));

        assertThat(d.attempts()).isEqualTo(2);
        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(700));
    }

    @Test
    void the_budget_is_shared_by_every_ping_of_the_run() {
        HeartbeatClient client = client(Duration.ofSeconds(2));
        client.send("start", url(), "", Duration.ofSeconds(30)); // 500ms + 1s + 500ms: the budget is spent
        int before = requests.get();

        HeartbeatClient.Delivery end = client.send("end", url(), "", Duration.ofSeconds(30));

        assertThat(end.attempts()).isZero();
        assertThat(end.detail()).isEqualTo("no time left in the heartbeat budget");
        assertThat(requests).hasValue(before);
    }

    @Test
    void a_long_run_does_not_use_up_the_budget_only_pinging_does() {
        HeartbeatClient client = client(Duration.ofSeconds(30));
        status.set(200);
        client.send("start", url(), "", Duration.ofSeconds(10));
        now.addAndGet(Duration.ofHours(2).toNanos()); // the run deletes for two hours

        HeartbeatClient.Delivery end = client.send("end", url(), "summary", Duration.ofSeconds(30));

        assertThat(end.delivered()).isTrue();
        assertThat(requests).hasValue(2);
    }

    @Test
    void client_errors_are_not_retried_and_throttling_is() {
        status.set(400);
        assertThat(client(Duration.ofSeconds(30)).send("end", url(), "", Duration.ofSeconds(30)).attempts()).isEqualTo(1);
        status.set(429);
        assertThat(client(Duration.ofSeconds(30)).send("end", url(), "", Duration.ofSeconds(30)).attempts()).isEqualTo(4);
        status.set(408);
        requests.set(0);
        client(Duration.ofSeconds(30)).send("end", url(), "", Duration.ofSeconds(30));
        assertThat(requests).hasValue(4);
    }

    @Test
    void a_success_stops_at_once() {
        status.set(200);
        HeartbeatClient.Delivery d = client(Duration.ofSeconds(30)).send("end", url(), "x", Duration.ofSeconds(30));

        assertThat(d.delivered()).isTrue();
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void a_refused_connection_is_a_network_error_and_retried() throws Exception {
        int port = server.getAddress().getPort();
        server.stop(0);
        HeartbeatClient.Delivery d = client(Duration.ofSeconds(30))
                .send("end", "http://127.0.0.1:" + port + "/p", "", Duration.ofSeconds(30));

        assertThat(d.delivered()).isFalse();
        assertThat(d.attempts()).isEqualTo(4);
        assertThat(d.detail()).startsWith("ConnectException");
    }
}
