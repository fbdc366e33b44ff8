package io.orchestration.deployment.analysis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Prometheus HTTP API client against a real Prometheus. */
class PrometheusClientTest {

    private static CanaryTarget target;
    private static PrometheusServer prometheus;
    private static PrometheusClient client;

    @BeforeAll
    static void startPrometheus() throws Exception {
        target = CanaryTarget.start();
        target.serve("bank", "api", 9, 1);
        prometheus = PrometheusServer.scraping(target.metricsUrl());
        client = new PrometheusClient(Duration.ofSeconds(2));
        PrometheusScrapes.await(client, prometheus.url(), "bank", "api", 2);
    }

    @AfterAll
    static void stopPrometheus() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    void vectorResultGivesEachSeriesWithItsLabelsAndValue() {
        List<PrometheusSample> samples = query("http_requests_total{namespace=\"bank\",app=\"api\"}").stream()
                .sorted(Comparator.comparing(sample -> sample.labels().get("code"))).toList();

        assertEquals(2, samples.size(), samples::toString);
        Map<String, String> ok = samples.get(0).labels();
        assertEquals(Map.of("__name__", "http_requests_total", "namespace", "bank", "app", "api", "track", "canary", "code", "200",
                "job", "canary-target", "instance", target.metricsUrl().getAuthority()), ok);
        double errors = samples.get(1).value();
        assertTrue(errors >= 2 && errors % 1 == 0, "one error per scrape, at least two scrapes: " + errors);
        assertEquals(9 * errors, samples.get(0).value());
    }

    @Test
    void specialValuesArriveAsNaNAndInfinity() {
        assertTrue(Double.isNaN(query("vector(0) / vector(0)").get(0).value()));
        assertEquals(Double.POSITIVE_INFINITY, query("vector(1) / vector(0)").get(0).value());
        assertEquals(Double.NEGATIVE_INFINITY, query("vector(-1) / vector(0)").get(0).value());
    }

    @Test
    void noMatchingSeriesIsAnEmptyVector() {
        assertEquals(List.of(), query("http_requests_total{namespace=\"nowhere\"}"));
    }

    @Test
    void scalarResultIsRefused() {
        PrometheusQueryFailed failure = assertThrows(PrometheusQueryFailed.class, () -> query("scalar(vector(1))"));

        assertTrue(failure.getMessage().contains("answered a scalar, not an instant vector"), failure.getMessage());
    }

    @Test
    void rangeVectorResultIsRefused() {
        PrometheusQueryFailed failure = assertThrows(PrometheusQueryFailed.class, () -> query("http_requests_total[10s]"));

        assertTrue(failure.getMessage().contains("answered a matrix, not an instant vector"), failure.getMessage());
    }

    @Test
    void httpErrorWithoutApiAnswerIsSurfacedWithItsStatus() {
        PrometheusQueryFailed failure = assertThrows(PrometheusQueryFailed.class, () -> client
                .instantQuery(prometheus.url().resolve("/no-such-prefix"), "up").await().atMost(Duration.ofSeconds(5)));

        assertTrue(failure.getMessage().contains("answered HTTP 404"), failure.getMessage());
    }

    @Test
    void queryPrometheusRejectsKeepsItsErrorTypeAndMessage() {
        PrometheusQueryFailed failure = assertThrows(PrometheusQueryFailed.class, () -> query("rate(http_requests_total)"));

        assertEquals("bad_data", failure.errorType());
        assertTrue(failure.getMessage().contains("expected type range vector in call to function \"rate\""), failure.getMessage());
    }

    private static List<PrometheusSample> query(String promql) {
        return client.instantQuery(prometheus.url(), promql).await().atMost(Duration.ofSeconds(5));
    }
}
