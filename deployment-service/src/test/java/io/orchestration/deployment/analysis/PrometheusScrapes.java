package io.orchestration.deployment.analysis;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Waits until Prometheus holds enough scrapes of a canary for rate() over the tests' 10s range. */
public final class PrometheusScrapes {

    private PrometheusScrapes() {
    }

    public static void await(PrometheusClient prometheus, URI url, String namespace, String app, int scrapes) throws InterruptedException {
        String query = "count_over_time(http_requests_total{namespace=\"%s\",app=\"%s\",code=\"200\"}[10s])".formatted(namespace, app);
        long started = System.nanoTime();
        long deadline = started + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<PrometheusSample> samples = prometheus.instantQuery(url, query).await().atMost(Duration.ofSeconds(5));
            if (!samples.isEmpty() && samples.get(0).value() >= scrapes) {
                System.out.printf("Prometheus held %d scrapes of %s/%s after %d ms%n", scrapes, namespace, app,
                        Duration.ofNanos(System.nanoTime() - started).toMillis());
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Prometheus did not scrape " + namespace + "/" + app + " " + scrapes + " times within 30 s");
    }
}
