package io.orchestration.alert.support;

import io.orchestration.testing.LocalServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Alertmanager (Debian's /usr/bin/prometheus-alertmanager, installed by deploy/local/alertmanager.sh)
 * on a free loopback port, clustering off, routing every alert to one webhook with short group timings.
 */
public final class AlertmanagerServer implements AutoCloseable {

    private static final String BINARY = "/usr/bin/prometheus-alertmanager";

    private final LocalServer server;
    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AlertmanagerServer(LocalServer server, URI url) {
        this.server = server;
        this.url = url;
    }

    /** Sends every alert to {@code webhook} with {@code bearerToken}, resolved ones too. */
    public static AlertmanagerServer notifying(URI webhook, String bearerToken) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("alertmanager-");
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: portal
                  group_by: ['alertname', 'environment']
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: portal
                    webhook_configs:
                      - url: '%s'
                        send_resolved: true
                        http_config:
                          authorization:
                            type: Bearer
                            credentials: '%s'
                """.formatted(webhook, bearerToken));
        URI url = URI.create("http://127.0.0.1:" + LocalServer.freePort());
        LocalServer server = LocalServer.start("alertmanager", dir, List.of(BINARY,
                        "--config.file=" + config,
                        "--storage.path=" + dir.resolve("data"),
                        "--web.listen-address=" + url.getAuthority(),
                        "--cluster.listen-address=",
                        "--log.level=warn"),
                url.resolve("/-/ready"), Duration.ofSeconds(20));
        return new AlertmanagerServer(server, url);
    }

    /** Posts alerts (a JSON array in Alertmanager's API v2 shape) as Prometheus would. */
    public void post(String alertsJson) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url.resolve("/api/v2/alerts"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(alertsJson))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Alertmanager refused the alerts: HTTP " + response.statusCode() + " " + response.body());
        }
    }

    public String log() {
        return server.log();
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
    }
}
