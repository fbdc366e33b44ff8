package io.orchestration.monitoring.collector;

import io.orchestration.monitoring.support.CactiApiServer;
import io.orchestration.monitoring.support.ReplayServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.orchestration.monitoring.support.MonitoringApi.announce;
import static io.orchestration.monitoring.support.MonitoringApi.collect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Cacti collector against a real Cacti API server from npm, and against replies a broken one would give. */
@QuarkusTest
class CactiCollectionTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String LIVE = "cacti-live-" + RUN;
    private static final String STOPPING = "cacti-stopping-" + RUN;
    private static final String FAILING_CHECK = "cacti-failing-" + RUN;
    private static final String CONNECTORS = "cacti-connectors-" + RUN;
    private static final String GARBAGE = "cacti-garbage-" + RUN;
    private static final String HEALTHCHECK = "/api/v1/api-server/healthcheck";
    private static final String EXPORTER = "/api/v1/api-server/get-prometheus-exporter-metrics";

    private static CactiApiServer cacti;
    private static CactiApiServer stoppingCacti;
    private static ReplayServer failing;
    private static ReplayServer withConnectors;
    private static ReplayServer garbage;

    @BeforeEach
    void serversAreUp() throws Exception {
        if (cacti != null) {
            return;
        }
        cacti = CactiApiServer.start();
        stoppingCacti = CactiApiServer.start();
        failing = ReplayServer.start()
                .json(HEALTHCHECK, "{\"success\": false, \"createdAt\": \"2026-11-24T10:00:00.000Z\"}")
                .answer(EXPORTER, 200, "text/plain", "cactus_api_server_total_plugin_imports{type=\"cactus_api_server_total_plugin_imports\"} 1\n");
        withConnectors = ReplayServer.start()
                .json(HEALTHCHECK, "{\"success\": true, \"createdAt\": \"2026-11-24T10:00:00.000Z\", \"memoryUsage\": {\"rss\": 123456789, \"heapUsed\": 4567890}}")
                .answer(EXPORTER, 200, "text/plain", """
                        # HELP cactus_api_server_total_plugin_imports Total number of plugins imported
                        # TYPE cactus_api_server_total_plugin_imports gauge
                        cactus_api_server_total_plugin_imports{type="cactus_api_server_total_plugin_imports"} 2
                        # HELP cactus_besu_total_tx_count Total transactions executed
                        # TYPE cactus_besu_total_tx_count gauge
                        cactus_besu_total_tx_count{type="cactus_besu_total_tx_count"} 12
                        cactus_fabric_total_tx_count{type="cactus_fabric_total_tx_count"} 3
                        cactus_fabric_failed_tx_count{type="cactus_fabric_failed_tx_count"} 1
                        """);
        garbage = ReplayServer.start()
                .json(HEALTHCHECK, "{\"success\": true}")
                .answer(EXPORTER, 200, "text/html", "<html><body>Bad gateway</body></html>");
        announce(LIVE, Map.of("cacti", cacti.url()));
        announce(STOPPING, Map.of("cacti", stoppingCacti.url()));
        announce(FAILING_CHECK, Map.of("cacti", failing.url("/")));
        announce(CONNECTORS, Map.of("cacti", withConnectors.url("")));
        announce(GARBAGE, Map.of("cacti", garbage.url("/")));
    }

    @AfterAll
    static void stopServers() {
        for (AutoCloseable server : new AutoCloseable[]{cacti, stoppingCacti, failing, withConnectors, garbage}) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Test
    void realApiServerIsHealthyWithTheConnectorsAndMemoryItReports() throws Exception {
        JsonPath reading = cactiOf(collect(LIVE).then().statusCode(200).extract().asString());
        assertEquals("up", reading.getString("state"));
        assertEquals("healthy", reading.getString("health"));
        assertEquals("true", reading.getString("facts.healthCheckSuccess"));
        // No plugins are installed in the test server: its own exporter says 0, and so does the reading.
        assertTrue(cacti.get(EXPORTER).contains("cactus_api_server_total_plugin_imports{type=\"cactus_api_server_total_plugin_imports\"} 0"));
        assertEquals(0.0, reading.getDouble("values.connectorCount"));
        assertTrue(reading.getDouble("values.memoryResidentBytes") > 10_000_000, "a Node process uses more than 10 MB");
        assertTrue(reading.getDouble("values.healthCheckLatencyMs") >= 0);
        assertTrue(reading.get("values.transactionsTotal") == null, "no connector exports transactions");
        assertFalse(cacti.get(EXPORTER).toLowerCase(Locale.ROOT).contains("connection"), "the real exporter has no connection figure");
        assertTrue(reading.get("values.activeConnections") == null, "so the reading has none, not a zero");
        assertTrue(reading.getString("facts.'unavailable.activeConnections'").startsWith("the Cacti API server does not publish"));
    }

    @Test
    void apiServerStoppedBetweenCollectionsIsUnreachable() {
        assertEquals("healthy", cactiOf(collect(STOPPING).then().statusCode(200).extract().asString()).getString("health"));
        stoppingCacti.close();
        JsonPath reading = cactiOf(collect(STOPPING).then().statusCode(200).extract().asString());
        assertEquals("unreachable", reading.getString("state"));
        assertEquals("unhealthy", reading.getString("health"));
    }

    @Test
    void healthCheckThatDoesNotReportSuccessIsUnhealthy() {
        JsonPath reading = cactiOf(collect(FAILING_CHECK).then().statusCode(200).extract().asString());
        assertEquals("up", reading.getString("state"));
        assertEquals("unhealthy", reading.getString("health"));
        assertEquals(List.of("Cacti health check did not report success"), reading.getList("reasons"));
    }

    @Test
    void connectorTransactionCountersAreSummedAcrossConnectors() {
        JsonPath reading = cactiOf(collect(CONNECTORS).then().statusCode(200).extract().asString());
        assertEquals(2.0, reading.getDouble("values.connectorCount"));
        assertEquals(15.0, reading.getDouble("values.transactionsTotal"));
        assertEquals(1.0, reading.getDouble("values.transactionsFailed"));
        assertEquals(0.0, reading.getDouble("values.transactionsPending"));
        assertEquals(123456789.0, reading.getDouble("values.memoryResidentBytes"));
    }

    @Test
    void exporterThatAnswersSomethingElseIsAnError() {
        JsonPath reading = cactiOf(collect(GARBAGE).then().statusCode(200).extract().asString());
        assertEquals("error", reading.getString("state"));
        assertTrue(reading.getString("error").startsWith("metrics line 1 is not Prometheus text"), reading.getString("error"));
    }

    private static JsonPath cactiOf(String health) {
        return new JsonPath(health).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE))
                .setRootPath("services.find { it.serviceType == 'cacti' }");
    }
}
