package io.orchestration.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A WebSocket client that records every text message the portal pushes, as a browser would see them. */
public final class LiveClient implements AutoCloseable {

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final List<String> history = new CopyOnWriteArrayList<>();
    private final WebSocket socket;
    private final CompletableFuture<Integer> closedByServer = new CompletableFuture<>();

    private LiveClient(URI uri, WebSocket.Builder builder) {
        socket = builder.buildAsync(uri, new Recorder()).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Connects with the token in the Authorization header (fails if the server refuses). */
    public static LiveClient connect(URI uri, String token) {
        WebSocket.Builder builder = newBuilder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return new LiveClient(uri, builder);
    }

    /**
     * Connects as a browser must, with no headers of its own: the token travels as an encoded
     * Sec-WebSocket-Protocol entry, as in {@code new WebSocket(url, ["bearer-token-carrier", encodeURIComponent(...)])}.
     */
    public static LiveClient connectLikeBrowser(URI uri, String token) {
        String carried = URLEncoder.encode("quarkus-http-upgrade#Authorization#Bearer " + token, StandardCharsets.UTF_8)
                .replace("+", "%20");
        return new LiveClient(uri, newBuilder().subprotocols("bearer-token-carrier", carried));
    }

    /** The first message (raw JSON text) that matches, waiting up to {@code timeout}; earlier ones are dropped. */
    public String awaitMessage(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String next = messages.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next != null && wanted.test(next)) {
                return next;
            }
        }
        throw new AssertionError("No matching WebSocket message within " + timeout);
    }

    /** Every message received so far, oldest first, including those {@link #awaitMessage} passed over. */
    public List<String> received() {
        return List.copyOf(history);
    }

    /** Completes with the close code once the server closes the connection. */
    public CompletableFuture<Integer> closedByServer() {
        return closedByServer;
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }

    private static WebSocket.Builder newBuilder() {
        return HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    }

    private final class Recorder implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                history.add(partial.toString());
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedByServer.complete(statusCode);
            return null;
        }
    }
}
