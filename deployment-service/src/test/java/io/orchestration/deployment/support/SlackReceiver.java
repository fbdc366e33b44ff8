package io.orchestration.deployment.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for Slack's incoming-webhook endpoint (a cloud API that cannot run here): records
 * every JSON body posted to it and answers as Slack does, 200 "ok".
 */
public final class SlackReceiver implements AutoCloseable {

    /** The port the test profile's deployment.slack.webhook-url points at. */
    public static final int PORT = 18299;

    private final HttpServer server;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    public SlackReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        server.createContext("/slack", exchange -> {
            messages.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        server.start();
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
