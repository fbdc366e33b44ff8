package io.orchestration.monitoring.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on a free loopback port that answers each path with what it was told to:
 * recorded bodies (a Besu /metrics text, FireFly's documented replies), HTTP errors, garbage, or
 * silence. For peers that cannot run here. A reply registered for a path with its query
 * ({@code /ops?status=Failed}) wins over one for the bare path.
 */
public final class ReplayServer implements AutoCloseable {

    public record Reply(int status, String contentType, String body, long delayMillis) {
    }

    private final HttpServer server;
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    private ReplayServer(HttpServer server) {
        this.server = server;
    }

    public static ReplayServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            ReplayServer replay = new ReplayServer(server);
            server.createContext("/", replay::answer);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return replay;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public ReplayServer answer(String path, int status, String contentType, String body) {
        replies.put(path, new Reply(status, contentType, body, 0));
        return this;
    }

    public ReplayServer json(String path, String body) {
        return answer(path, 200, "application/json", body);
    }

    /** Answers {@code path} only after {@code millis}: a peer too slow for the collection timeout. */
    public ReplayServer slow(String path, long millis) {
        replies.put(path, new Reply(200, "application/json", "{}", millis));
        return this;
    }

    /** The body of a test resource, e.g. {@code recorded/besu-metrics.txt}. */
    public static String resource(String name) {
        try (InputStream in = ReplayServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many requests this server has been sent so far. */
    public int requests() {
        return requests.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            Reply reply = query == null ? null : replies.get(path + "?" + query);
            if (reply == null) {
                reply = replies.get(path);
            }
            if (reply == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (reply.delayMillis() > 0) {
                try {
                    Thread.sleep(reply.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
