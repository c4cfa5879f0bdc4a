package dev.retentioncleanup.observe;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A loopback monitor that records every request (method, path with query, body, credentials) and answers with scripted status
 * codes (200 once the script is used up).
 */
final class PingRecorder implements AutoCloseable {
    /** @param authorization the Authorization header, or null */
    record Ping(String method, String pathAndQuery, String body, String authorization) {
        String path() {
            int q = pathAndQuery.indexOf('?');
            return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        }

        String rid() {
            int at = pathAndQuery.indexOf("rid=");
            return at < 0 ? null : pathAndQuery.substring(at + 4).split("&")[0];
        }
    }

    private final HttpServer server;
    private final List<Ping> pings = new CopyOnWriteArrayList<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();

    PingRecorder() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ping-recorder");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            pings.add(new Ping(exchange.getRequestMethod(), exchange.getRequestURI().toString(), body,
                    exchange.getRequestHeaders().getFirst("Authorization")));
            int status;
            synchronized (statuses) {
                status = statuses.isEmpty() ? 200 : statuses.poll();
            }
            byte[] answer = "OK".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** e.g. {@code http://127.0.0.1:PORT/ping/abc} */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void answer(Integer... codes) {
        synchronized (statuses) {
            statuses.addAll(List.of(codes));
        }
    }

    List<Ping> pings() {
        return List.copyOf(pings);
    }

    /** Polls (with a deadline) until {@code count} pings arrived: a ping may still be in flight when a run returns. */
    List<Ping> awaitPings(int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (pings.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return pings();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
