package io.orchestration.monitoring.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.monitoring.support.ReplayServer;
import io.orchestration.testing.HardhatDevChain;
import io.orchestration.testing.KafkaTopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.orchestration.monitoring.support.MonitoringApi.announce;
import static io.orchestration.monitoring.support.MonitoringApi.as;
import static io.orchestration.monitoring.support.MonitoringApi.collect;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Besu collector against a real Ethereum JSON-RPC node (hardhat 2, a block a second) and the
 * node metrics of a Besu /metrics text served as Besu serves it; and every way a node can fail:
 * stopped, hanging, a malformed JSON-RPC reply, HTTP 500.
 */
@QuarkusTest
class BesuCollectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String CHAIN = "besu-chain-" + RUN;
    private static final String STALLING = "besu-stall-" + RUN;
    private static final String DOWN = "besu-down-" + RUN;
    private static final String HANGING = "besu-hang-" + RUN;
    private static final String GARBAGE = "besu-garbage-" + RUN;
    private static final String FAILING = "besu-500-" + RUN;
    private static final String NO_METRICS = "besu-nometrics-" + RUN;
    private static final String STOPPING = "besu-stopping-" + RUN;

    private static HardhatDevChain devChain;
    private static HardhatDevChain stoppingChain;
    private static ReplayServer besuEndpoints;
    // Accepts connections (the kernel completes the handshake) and never answers: a hung node.
    private static ServerSocket hungNode;

    /** Once per class, after Quarkus has started (a static @BeforeAll would run before the application). */
    @BeforeEach
    void peersAreUp() throws Exception {
        if (devChain != null) {
            return;
        }
        devChain = HardhatDevChain.start();
        stoppingChain = HardhatDevChain.start();
        besuEndpoints = ReplayServer.start()
                .answer("/metrics", 200, "text/plain; version=0.0.4", ReplayServer.resource("recorded/besu-metrics.txt"))
                .answer("/metrics-broken", 500, "text/plain", "internal error")
                .json("/rpc-garbage", "{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": <<this is not JSON")
                .answer("/rpc-500", 500, "text/plain", "upstream failed");
        hungNode = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        announce(CHAIN, Map.of("besuRpc", devChain.url(), "besuMetrics", besuEndpoints.url("/metrics")));
        announce(STALLING, Map.of("besuRpc", devChain.url()));
        announce(DOWN, Map.of("besuRpc", "http://127.0.0.1:" + HardhatDevChain.freePort()));
        announce(HANGING, Map.of("besuRpc", "http://127.0.0.1:" + hungNode.getLocalPort()));
        announce(GARBAGE, Map.of("besuRpc", besuEndpoints.url("/rpc-garbage")));
        announce(FAILING, Map.of("besuRpc", besuEndpoints.url("/rpc-500")));
        announce(NO_METRICS, Map.of("besuRpc", devChain.url(), "besuMetrics", besuEndpoints.url("/metrics-broken")));
        announce(STOPPING, Map.of("besuRpc", stoppingChain.url()));
    }

    @AfterAll
    static void stopPeers() throws Exception {
        for (AutoCloseable peer : new AutoCloseable[]{devChain, stoppingChain, besuEndpoints, hungNode}) {
            if (peer != null) {
                peer.close();
            }
        }
    }

    @Test
    void collectionReadsTheChainOverJsonRpcAndTheNodeResourcesFromItsMetrics() throws Exception {
        long before = blockNumber(devChain);
        long gasBefore = quantity(devChain, "eth_gasPrice");
        JsonPath besu = besuOf(collect(CHAIN).then().statusCode(200).extract().asString());
        long after = blockNumber(devChain);
        long gasAfter = quantity(devChain, "eth_gasPrice");

        long collected = (long) besu.getDouble("values.blockNumber");
        assertTrue(collected >= before && collected <= after, "block " + collected + " is not within [" + before + ", " + after + "]");
        assertEquals("up", besu.getString("state"));
        assertEquals(31337.0, besu.getDouble("values.chainId"));
        assertEquals("31337", besu.getString("facts.networkId"));
        assertEquals(0.0, besu.getDouble("values.peerCount"));
        assertEquals("synced", besu.getString("facts.syncStatus"));
        assertEquals(0.0, besu.getDouble("values.pendingTransactions"));
        // The base fee moves with every block: the collected gas price is one the chain had meanwhile.
        double gasPrice = besu.getDouble("values.gasPriceWei");
        assertTrue(gasPrice >= Math.min(gasBefore, gasAfter) && gasPrice <= Math.max(gasBefore, gasAfter),
                gasPrice + " is not within " + gasBefore + " .. " + gasAfter);
        assertEquals(1.073741824E9, besu.getDouble("values.heapUsedBytes"));
        assertEquals(2.147483648E9, besu.getDouble("values.memoryResidentBytes"));
        assertEquals(4.2949673E10 + 8.589934592E9, besu.getDouble("values.diskUsedBytes"));
        assertEquals(12345.67, besu.getDouble("values.cpuSecondsTotal"));
        // hardhat has no peers and the rule asks for one: degraded, and the reason says so.
        assertEquals("degraded", besu.getString("health"));
        assertTrue(besu.getList("reasons", String.class).contains("0 peers, fewer than the minimum 1"), besu.getList("reasons").toString());
    }

    @Test
    void samplesOfSuccessiveCollectionsFollowTheAdvancingChain() throws Exception {
        collect(CHAIN).then().statusCode(200);
        Thread.sleep(2_100);
        collect(CHAIN).then().statusCode(200);

        JsonPath range = as("viewer").queryParam("range", "10m").queryParam("step", "1s").queryParam("metric", "blockNumber")
                .get("/api/environments/{name}/metrics", CHAIN)
                .then().statusCode(200)
                .body("resolution", equalTo("raw"))
                .extract().jsonPath();
        List<Float> blocks = range.getList("series.find { it.metric == 'blockNumber' }.points.avg", Float.class);
        assertTrue(blocks.size() >= 2, "two collections give at least two points: " + blocks);
        assertTrue(blocks.get(blocks.size() - 1) > blocks.get(0), "the chain advanced between collections: " + blocks);
        assertEquals(List.of("blockNumber"), range.getList("series.metric").stream().distinct().toList());
    }

    @Test
    void chainThatStopsProducingBlocksIsUnhealthyAfterTheStatedIntervalsAndRecovers() throws Exception {
        try (KafkaTopicProbe events = KafkaTopicProbe.watch(Topics.MONITORING)) {
            devChain.setIntervalMining(0);
            try {
                // The environment's first collection comes after the last block: every later one sees no new block.
                Thread.sleep(1_200);
                collect(STALLING).then().statusCode(200);
                for (int stall = 1; stall <= 3; stall++) {
                    JsonPath besu = besuOf(collect(STALLING).then().statusCode(200).extract().asString());
                    assertEquals(stall < 3 ? "degraded" : "unhealthy", besu.getString("health"), "after " + stall + " stalled collections");
                }
                JsonNode change = data(events.awaitRecord(record -> STALLING.equals(record.key())
                        && isType(record, EventTypes.MONITORING_HEALTH_CHANGED) && record.value().contains("\"health\":\"unhealthy\""), Duration.ofSeconds(15)));
                assertEquals("besu", change.path("serviceType").asText());
                assertEquals("besu-rpc", change.path("serviceName").asText());
                assertEquals("degraded", change.path("previous").asText());
                assertTrue(change.path("reasons").toString().contains("block number has not advanced for 3 collections"), change.toString());
            } finally {
                devChain.setIntervalMining(1000);
            }
            Thread.sleep(1_500);
            assertEquals("degraded", besuOf(collect(STALLING).then().statusCode(200).extract().asString()).getString("health"));
        }
    }

    @Test
    void eachCollectionPublishesASummaryAndOnlyAChangeOfHealthATransition() throws Exception {
        try (KafkaTopicProbe events = KafkaTopicProbe.watch(Topics.MONITORING)) {
            collect(DOWN).then().statusCode(200);
            JsonNode summary = data(events.awaitRecord(record -> DOWN.equals(record.key()) && isType(record, EventTypes.MONITORING_COLLECTED),
                    Duration.ofSeconds(15)));
            assertEquals(DOWN, summary.path("environment").asText());
            assertTrue(summary.hasNonNull("collectedAt"));
            String replica = as("viewer").get("/api/monitoring/replicas").then().statusCode(200).extract().path("answeredBy");
            assertEquals(replica, summary.path("collectedBy").asText(), "the summary names the replica that collected");
            assertEquals("[{\"serviceType\":\"besu\",\"serviceName\":\"besu-rpc\",\"state\":\"unreachable\",\"health\":\"unhealthy\","
                    + "\"collectedBy\":\"" + replica + "\"}]", summary.path("services").toString());
        }
        try (KafkaTopicProbe events = KafkaTopicProbe.watch(Topics.MONITORING)) {
            collect(DOWN).then().statusCode(200);
            events.awaitRecord(record -> DOWN.equals(record.key()) && isType(record, EventTypes.MONITORING_COLLECTED), Duration.ofSeconds(15));
            List<ConsumerRecord<String, String>> changes = events.recordsWithin(Duration.ofSeconds(1)).stream()
                    .filter(record -> DOWN.equals(record.key()) && isType(record, EventTypes.MONITORING_HEALTH_CHANGED)).toList();
            assertEquals(0, changes.size(), "the second collection changed no health, so no transition: " + changes);
        }
    }

    @Test
    void collectingOnRequestIsRecordedOnTheAuditTrailWithTheCallerAndTheirAddress() throws Exception {
        try (KafkaTopicProbe audit = KafkaTopicProbe.watch(Topics.AUDIT)) {
            as("operator").header("X-Forwarded-For", "203.0.113.7")
                    .post("/api/monitoring/environments/{name}/collect", DOWN).then().statusCode(200);
            ConsumerRecord<String, String> record = audit.awaitRecord(r -> isType(r, EventTypes.AUDIT_RECORDED)
                    && r.value().contains("/api/monitoring/environments/" + DOWN + "/collect"), Duration.ofSeconds(15));
            JsonNode entry = data(record);
            assertEquals("test-operator", entry.path("actor").asText());
            assertEquals("203.0.113.7", entry.path("clientIp").asText());
            assertEquals("MonitoringResource.collect", entry.path("action").asText());
            assertEquals("environments", entry.path("resourceType").asText());
            assertEquals(DOWN, entry.path("resourceId").asText());
            assertEquals(DOWN, entry.path("details").path("pathParameters").path("name").asText());
        }
    }

    @Test
    void onlyOperatorsCollectAndAnUnknownEnvironmentIsNotFound() {
        as("viewer").post("/api/monitoring/environments/{name}/collect", DOWN).then()
                .statusCode(403).contentType("application/problem+json");
        io.restassured.RestAssured.given().post("/api/monitoring/environments/{name}/collect", DOWN).then().statusCode(401);
        collect("no-such-environment-" + RUN).then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("no-such-environment-" + RUN));
        as("viewer").get("/api/monitoring/no-such-type").then().statusCode(404).contentType("application/problem+json");
        as("viewer").get("/api/monitoring/services/besu/no-such-service/status").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void nodeThatIsDownIsUnreachableAndUnhealthy() {
        JsonPath besu = besuOf(collect(DOWN).then().statusCode(200).extract().asString());
        assertEquals("unreachable", besu.getString("state"));
        assertEquals("unhealthy", besu.getString("health"));
        assertTrue(besu.getString("error").contains("ConnectException"), besu.getString("error"));
    }

    @Test
    void nodeThatHangsIsUnreachableAfterTheTimeout() {
        long started = System.nanoTime();
        JsonPath besu = besuOf(collect(HANGING).then().statusCode(200).extract().asString());
        long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertEquals("unreachable", besu.getString("state"));
        assertTrue(besu.getString("error").contains("eth_blockNumber"), besu.getString("error"));
        assertTrue(tookMillis < 10_000, "the 2s timeout bounds the collection, took " + tookMillis + " ms");
    }

    @Test
    void malformedJsonRpcReplyIsAnError() {
        JsonPath besu = besuOf(collect(GARBAGE).then().statusCode(200).extract().asString());
        assertEquals("error", besu.getString("state"));
        assertEquals("unhealthy", besu.getString("health"));
        assertTrue(besu.getString("error").contains("malformed JSON-RPC reply"), besu.getString("error"));
    }

    @Test
    void http500FromTheNodeIsAnError() {
        JsonPath besu = besuOf(collect(FAILING).then().statusCode(200).extract().asString());
        assertEquals("error", besu.getString("state"));
        assertTrue(besu.getString("error").contains("500"), besu.getString("error"));
    }

    @Test
    void brokenMetricsEndpointKeepsTheChainValuesAndSaysWhy() {
        JsonPath besu = besuOf(collect(NO_METRICS).then().statusCode(200).extract().asString());
        assertEquals("up", besu.getString("state"));
        assertTrue(besu.getDouble("values.blockNumber") > 0);
        assertTrue(besu.getString("facts.metricsError").contains("HTTP 500"), besu.getString("facts.metricsError"));
        assertTrue(besu.get("values.heapUsedBytes") == null, "no node metrics without a metrics endpoint");
    }

    @Test
    void nodeStoppedBetweenCollectionsTurnsUnreachable() {
        assertEquals("up", besuOf(collect(STOPPING).then().statusCode(200).extract().asString()).getString("state"));
        stoppingChain.close();
        JsonPath besu = besuOf(collect(STOPPING).then().statusCode(200).extract().asString());
        assertEquals("unreachable", besu.getString("state"));
        assertEquals("unhealthy", besu.getString("health"));
    }

    @Test
    void collectedValuesAreServedPerServiceTypeOnTheDashboardAndAsPrometheusGauges() {
        collect(CHAIN).then().statusCode(200);
        as("viewer").get("/api/monitoring/besu").then().statusCode(200)
                .body("environment", hasItem(CHAIN))
                .body("find { it.environment == '" + CHAIN + "' }.source", equalTo("live"));
        as("viewer").get("/api/monitoring/services/besu/besu-rpc/status?environment=" + CHAIN).then().statusCode(200)
                .body("[0].environment", equalTo(CHAIN))
                .body("[0].facts.chainId", equalTo("31337"));
        as("viewer").get("/api/monitoring/dashboard").then().statusCode(200)
                .body("environments.find { it.environment == '" + CHAIN + "' }.health", equalTo("degraded"));
        as("viewer").get("/api/environments/{name}/services", CHAIN).then().statusCode(200)
                .body("services[0].serviceType", equalTo("besu"));
        io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("portal_monitoring_block_number{environment=\"" + CHAIN + "\",service=\"besu-rpc\",service_type=\"besu\"}"))
                .body(containsString("portal_monitoring_health{environment=\"" + CHAIN + "\",service=\"besu-rpc\",service_type=\"besu\"} 2.0"));
    }

    private static JsonPath besuOf(String health) {
        // Doubles, not JsonPath's default floats: gas prices and byte counts need every digit.
        return new JsonPath(health).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE))
                .setRootPath("services.find { it.serviceType == 'besu' }");
    }

    private static long blockNumber(HardhatDevChain chain) throws Exception {
        return quantity(chain, "eth_blockNumber");
    }

    private static long quantity(HardhatDevChain chain, String method) throws Exception {
        return Long.decode(chain.rpc(method, "[]").replaceAll(".*\"result\":\"(0x[0-9a-f]+)\".*", "$1"));
    }

    private static boolean isType(ConsumerRecord<String, String> record, String type) {
        return type.equals(KafkaTopicProbe.header(record, "ce_type"));
    }

    private static JsonNode data(ConsumerRecord<String, String> record) throws Exception {
        return JSON.readTree(record.value());
    }
}
