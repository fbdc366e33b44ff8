package io.orchestration.deployment.analysis;

import io.orchestration.deployment.analysis.CanaryVerdict.Outcome;
import io.orchestration.deployment.config.DeploymentConfig.CanaryConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The canary gate against a real Prometheus scraping canaries whose traffic each test decides. */
class CanaryAnalysisTest {

    private static final String NAMESPACE = "shop";
    private static final double THRESHOLD = 0.05;

    private static CanaryConfig shipped;
    private static String errorRateQuery;
    private static CanaryTarget target;
    private static PrometheusServer prometheus;
    private static PrometheusClient client;

    @BeforeAll
    static void startPrometheusScrapingTheCanaries() throws Exception {
        shipped = ShippedConfig.canary();
        assertTrue(shipped.errorRateQuery().contains("[1m]"), shipped.errorRateQuery());
        // The shipped query over 10 s instead of a minute: enough scrapes arrive within seconds.
        errorRateQuery = shipped.errorRateQuery().replace("[1m]", "[10s]");
        target = CanaryTarget.start();
        prometheus = PrometheusServer.scraping(target.metricsUrl());
        client = new PrometheusClient(Duration.ofSeconds(2));
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
    void healthyCanaryPasses() throws Exception {
        target.serve(NAMESPACE, "healthy-web", 100, 0);
        PrometheusScrapes.await(client, prometheus.url(), NAMESPACE, "healthy-web", 3);

        CanaryVerdict verdict = analyse(analysis(true), "healthy-web");

        assertEquals(Outcome.PASSED, verdict.outcome(), verdict.reason());
        assertEquals(OptionalDouble.of(0.0), verdict.errorRate());
        assertFalse(verdict.rollBack());
        assertEquals("the error rate of the canary of shop/healthy-web is 0.00%, within the threshold 5.00%", verdict.reason());
    }

    @Test
    void canaryRollsBackWhenErrorRateExceedsThreshold() throws Exception {
        target.serve(NAMESPACE, "failing-web", 70, 30);
        PrometheusScrapes.await(client, prometheus.url(), NAMESPACE, "failing-web", 3);

        CanaryVerdict verdict = analyse(analysis(true), "failing-web");

        assertEquals(Outcome.FAILED, verdict.outcome(), verdict.reason());
        assertEquals(0.30, verdict.errorRate().orElseThrow(), 0.001);
        assertTrue(verdict.rollBack());
        assertEquals("the error rate of the canary of shop/failing-web is 30.00%, above the threshold 5.00%", verdict.reason());
        assertTrue(verdict.query().contains("app=\"failing-web\""), verdict.query());
    }

    @Test
    void canaryWithoutTrafficIsInconclusiveAndRollsBackByDefault() throws Exception {
        target.serve(NAMESPACE, "idle-web", 0, 0);
        PrometheusScrapes.await(client, prometheus.url(), NAMESPACE, "idle-web", 3);

        CanaryVerdict verdict = analyse(new CanaryAnalysis(client, errorRateQuery, shipped.inconclusiveFails()), "idle-web");

        assertEquals(Outcome.INCONCLUSIVE, verdict.outcome(), verdict.reason());
        assertTrue(Double.isNaN(verdict.errorRate().orElseThrow()), "0/0 requests is NaN, was " + verdict.errorRate());
        assertTrue(verdict.rollBack(), "an inconclusive analysis rolls back by default");
        assertEquals("the error rate of the canary of shop/idle-web is NaN: no requests reached it in the query's range;"
                + " counted as a failure", verdict.reason());
    }

    @Test
    void inconclusiveCanaryIsNotAFailureWhenConfiguredSo() throws Exception {
        target.serve(NAMESPACE, "quiet-web", 0, 0);
        PrometheusScrapes.await(client, prometheus.url(), NAMESPACE, "quiet-web", 3);

        CanaryVerdict verdict = analyse(analysis(false), "quiet-web");

        assertEquals(Outcome.INCONCLUSIVE, verdict.outcome(), verdict.reason());
        assertFalse(verdict.rollBack());
        assertTrue(verdict.reason().endsWith("; not counted as a failure"), verdict.reason());
    }

    @Test
    void canaryPrometheusNeverScrapedIsInconclusive() {
        CanaryVerdict verdict = analyse(analysis(true), "never-scraped");

        assertEquals(Outcome.INCONCLUSIVE, verdict.outcome(), verdict.reason());
        assertEquals(OptionalDouble.empty(), verdict.errorRate());
        assertTrue(verdict.rollBack());
        assertTrue(verdict.reason().startsWith("no error-rate data for the canary of shop/never-scraped"), verdict.reason());
    }

    @Test
    void infiniteErrorRateIsInconclusiveNotFailed() {
        CanaryAnalysis divisionByZero = new CanaryAnalysis(client, "vector(1) / vector(0)", true);

        CanaryVerdict verdict = analyse(divisionByZero, "healthy-web");

        assertEquals(Outcome.INCONCLUSIVE, verdict.outcome(), verdict.reason());
        assertEquals(OptionalDouble.of(Double.POSITIVE_INFINITY), verdict.errorRate());
        assertTrue(verdict.rollBack());
        assertTrue(verdict.reason().contains("is Infinity: the query divides by zero requests"), verdict.reason());
    }

    @Test
    void badQuerySurfacesPrometheusOwnError() {
        CanaryAnalysis broken = new CanaryAnalysis(client, "sum(rate(http_requests_total{namespace=\"%1$s\",app=\"%2$s\"}[10s])", true);

        PrometheusQueryFailed failure = assertThrows(PrometheusQueryFailed.class, () -> analyse(broken, "healthy-web"));

        assertEquals("bad_data", failure.errorType());
        assertEquals(502, failure.status());
        assertTrue(failure.getMessage().contains("rejected the query: bad_data: "), failure.getMessage());
        assertTrue(failure.getMessage().contains("parse error: unclosed left parenthesis"), failure.getMessage());
    }

    @Test
    void refusedConnectionFailsAtOnce() throws Exception {
        URI nobody = URI.create("http://127.0.0.1:" + io.orchestration.testing.LocalServer.freePort());
        long started = System.nanoTime();

        PrometheusUnreachable failure = assertThrows(PrometheusUnreachable.class, () -> new CanaryAnalysis(client, errorRateQuery, true)
                .analyse(nobody, NAMESPACE, "healthy-web", THRESHOLD).await().atMost(Duration.ofSeconds(10)));

        assertEquals("Prometheus at " + nobody + " is unreachable: connection refused", failure.getMessage());
        assertEquals(503, failure.status());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(2)) < 0);
    }

    @Test
    void prometheusThatNeverAnswersFailsAfterTheTimeout() throws Exception {
        PrometheusClient patient = new PrometheusClient(Duration.ofMillis(500));
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort());
            long started = System.nanoTime();

            PrometheusUnreachable failure = assertThrows(PrometheusUnreachable.class, () -> new CanaryAnalysis(patient, errorRateQuery, true)
                    .analyse(url, NAMESPACE, "healthy-web", THRESHOLD).await().atMost(Duration.ofSeconds(10)));

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertEquals("Prometheus at " + url + " is unreachable: no answer within 500 ms", failure.getMessage());
            assertTrue(took.compareTo(Duration.ofMillis(450)) > 0 && took.compareTo(Duration.ofSeconds(3)) < 0, "took " + took);
        }
    }

    private static CanaryAnalysis analysis(boolean inconclusiveFails) {
        return new CanaryAnalysis(client, errorRateQuery, inconclusiveFails);
    }

    private static CanaryVerdict analyse(CanaryAnalysis analysis, String workload) {
        return analysis.analyse(prometheus.url(), NAMESPACE, workload, THRESHOLD).await().atMost(Duration.ofSeconds(10));
    }
}
