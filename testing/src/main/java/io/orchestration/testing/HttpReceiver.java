package io.orchestration.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for a cloud receiver (Slack, PagerDuty, a customer's webhook) on a free loopback port:
 * records every request (path, headers, body, the status it answered) and answers 200, or what
 * {@link #answer} says for a path; {@link #refuseNext} makes it look down for the next few requests.
 */
public final class HttpReceiver implements AutoCloseable {

    /** One request as received, and the status it was answered with. */
    public record Request(String path, Map<String, String> headers, String body, int status) {

        /** A header by name, whatever its case. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public boolean accepted() {
            return status / 100 == 2;
        }
    }

    private record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicInteger refusals = new AtomicInteger();
    private volatile int refusalStatus = 503;

    private HttpReceiver(HttpServer server) {
        this.server = server;
        server.createContext("/", this::receive);
        server.start();
    }

    public static HttpReceiver start() throws IOException {
        return new HttpReceiver(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Answers requests to {@code path} with this status and body from now on. */
    public void answer(String path, int status, String body) {
        answers.put(path, new Answer(status, body));
    }

    /** The next {@code count} requests, to any path, get {@code status} as if the receiver were down. */
    public void refuseNext(int count, int status) {
        refusalStatus = status;
        refusals.set(count);
    }

    /** Every request to {@code path}, oldest first, refused ones included. */
    public List<Request> received(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The requests to {@code path} that were answered 2xx. */
    public List<Request> accepted(String path) {
        return received(path).stream().filter(Request::accepted).toList();
    }

    private void receive(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        String path = exchange.getRequestURI().getPath();
        Answer answer = refusals.getAndUpdate(left -> Math.max(0, left - 1)) > 0
                ? new Answer(refusalStatus, "unavailable")
                : answers.getOrDefault(path, new Answer(200, "ok"));
        requests.add(new Request(path, headers, body, answer.status()));
        byte[] reply = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), reply.length);
        exchange.getResponseBody().write(reply);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
