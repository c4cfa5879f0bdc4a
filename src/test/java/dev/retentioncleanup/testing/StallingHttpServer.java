package dev.retentioncleanup.testing;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A monitor hung mid-answer, on a loopback socket: it reads each request's head, sends {@code 200 OK} headers
 * promising a body, a few bytes of it, and then nothing, with the connection left open until {@link #close}.
 */
public final class StallingHttpServer implements AutoCloseable {
    private static final byte[] HEAD = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"
            + "partial").getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    public StallingHttpServer() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::serve, "stalling-http-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                connections.add(connection);
                readHead(connection.getInputStream());
                requests.incrementAndGet();
                connection.getOutputStream().write(HEAD);
                connection.getOutputStream().flush();
            } catch (IOException closedOrReset) {
                // closed by close(), or a client that gave up: keep serving until closed
            }
        }
    }

    /** Up to the blank line that ends the request head; the body, if any, stays unread in the socket buffer. */
    private static void readHead(InputStream in) throws IOException {
        byte[] end = {'\r', '\n', '\r', '\n'};
        int matched = 0;
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    /** Requests whose head arrived (each was answered with headers and a stall). */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        try {
            server.close();
            for (Socket connection : connections) {
                connection.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
