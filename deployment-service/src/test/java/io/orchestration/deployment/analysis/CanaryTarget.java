package io.orchestration.deployment.analysis;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scrape target standing in for canaries: for each registered workload it exposes
 * {@code http_requests_total{namespace, app, track="canary", code="200"|"500"}} and, on every scrape,
 * first counts the requests the test said each scrape interval brings. As with real client libraries,
 * the code="500" series only appears with the first error.
 */
public final class CanaryTarget implements AutoCloseable {

    private record Workload(String namespace, String app) {
    }

    private record Traffic(int ok, int errors) {
    }

    private final HttpServer server;
    private final Map<Workload, Traffic> trafficPerScrape = new LinkedHashMap<>();
    private final Map<Workload, long[]> counters = new LinkedHashMap<>();

    private CanaryTarget(HttpServer server) {
        this.server = server;
    }

    public static CanaryTarget start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        CanaryTarget target = new CanaryTarget(server);
        server.createContext("/metrics", exchange -> {
            byte[] body = target.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return target;
    }

    public URI metricsUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
    }

    /** From now on, each scrape interval the canary of namespace/app answers {@code ok} 200s and {@code errors} 500s. */
    public synchronized void serve(String namespace, String app, int ok, int errors) {
        Workload workload = new Workload(namespace, app);
        trafficPerScrape.put(workload, new Traffic(ok, errors));
        counters.putIfAbsent(workload, new long[2]);
    }

    // One lock for counting and rendering: both series of a workload move together in every scrape.
    private synchronized String scrape() {
        StringBuilder text = new StringBuilder("# HELP http_requests_total Requests served.\n# TYPE http_requests_total counter\n");
        trafficPerScrape.forEach((workload, traffic) -> {
            long[] count = counters.get(workload);
            count[0] += traffic.ok();
            count[1] += traffic.errors();
            text.append(series(workload, "200", count[0]));
            if (count[1] > 0) {
                text.append(series(workload, "500", count[1]));
            }
        });
        return text.toString();
    }

    private static String series(Workload workload, String code, long value) {
        return "http_requests_total{namespace=\"" + workload.namespace() + "\",app=\"" + workload.app()
                + "\",track=\"canary\",code=\"" + code + "\"} " + value + "\n";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
