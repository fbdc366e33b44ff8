package io.orchestration.deployment.analysis;

import io.orchestration.testing.LocalServer;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Prometheus (Debian's /usr/bin/prometheus) on a free loopback port, scraping one target every
 * second, with its config and TSDB in a temp directory that {@link #close()} deletes.
 */
public final class PrometheusServer implements AutoCloseable {

    private final LocalServer server;
    private final URI url;

    private PrometheusServer(LocalServer server, URI url) {
        this.server = server;
        this.url = url;
    }

    public static PrometheusServer scraping(URI target) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("canary-prometheus-");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: canary-target
                    metrics_path: %s
                    static_configs:
                      - targets: ['%s:%d']
                """.formatted(target.getPath(), target.getHost(), target.getPort()));
        int port = LocalServer.freePort();
        URI url = URI.create("http://127.0.0.1:" + port);
        LocalServer server = LocalServer.start("prometheus", dir, List.of("/usr/bin/prometheus",
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn"), url.resolve("/-/ready"), Duration.ofSeconds(20));
        return new PrometheusServer(server, url);
    }

    public URI url() {
        return url;
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
    }
}
