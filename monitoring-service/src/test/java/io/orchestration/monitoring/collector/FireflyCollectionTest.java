package io.orchestration.monitoring.collector;

import io.orchestration.monitoring.support.ReplayServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.orchestration.monitoring.support.MonitoringApi.announce;
import static io.orchestration.monitoring.support.MonitoringApi.collect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The FireFly collector against an HTTP server replaying FireFly's documented REST API (FireFly itself,
 * a Go binary, cannot run here): status, namespaces, and counted queries; and its failure paths.
 */
@QuarkusTest
class FireflyCollectionTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String NODE = "ff-node-" + RUN;
    private static final String BROKEN = "ff-broken-" + RUN;
    private static final String SLOW = "ff-slow-" + RUN;
    private static final String GARBAGE = "ff-garbage-" + RUN;
    private static final String NAMESPACE = "/api/v1/namespaces/default";

    private static ReplayServer firefly;
    private static ReplayServer broken;

    @BeforeEach
    void replayIsUp() throws Exception {
        if (firefly != null) {
            return;
        }
        firefly = ReplayServer.start()
                .json("/api/v1/status", ReplayServer.resource("firefly/status.json"))
                .json("/api/v1/namespaces", ReplayServer.resource("firefly/namespaces.json"));
        counts(42, 2, 1);
        broken = ReplayServer.start()
                .answer("/ff/api/v1/status", 500, "application/json", "{\"error\": \"FF10101: database unavailable\"}")
                .slow("/slow/api/v1/status", 3_000)
                .json("/garbage/api/v1/status", "{\"node\": ");
        announce(NODE, Map.of("firefly", firefly.url("")));
        announce(BROKEN, Map.of("firefly", broken.url("/ff")));
        announce(SLOW, Map.of("firefly", broken.url("/slow")));
        announce(GARBAGE, Map.of("firefly", broken.url("/garbage")));
    }

    @AfterAll
    static void stopReplay() {
        if (firefly != null) {
            firefly.close();
            broken.close();
        }
    }

    @Test
    void nodeStatusNamespacesApisAndTransactionCountsAreCollectedAndFollowTheNode() {
        counts(42, 2, 1);
        JsonPath reading = fireflyOf(collect(NODE).then().statusCode(200).extract().asString());
        assertEquals("up", reading.getString("state"));
        assertEquals("node_0", reading.getString("facts.nodeName"));
        assertEquals("true", reading.getString("facts.nodeRegistered"));
        assertEquals("postgres", reading.getString("facts.database"));
        assertEquals(2.0, reading.getDouble("values.namespaceCount"));
        assertEquals(3.0, reading.getDouble("values.activeApis"));
        assertEquals(42.0, reading.getDouble("values.transactionsTotal"));
        assertTrue(reading.get("values.databaseConnections") == null, "FireFly publishes no connection count: none, not a zero");
        assertTrue(reading.getString("facts.'unavailable.databaseConnections'").startsWith("FireFly does not publish"));
        assertEquals(2.0, reading.getDouble("values.operationsPending"));
        assertEquals("degraded", reading.getString("health"));
        assertEquals(List.of("1 failed operation(s)"), reading.getList("reasons"));

        counts(45, 0, 0);
        JsonPath next = fireflyOf(collect(NODE).then().statusCode(200).extract().asString());
        assertEquals(45.0, next.getDouble("values.transactionsTotal"));
        assertEquals("healthy", next.getString("health"));
    }

    @Test
    void http500IsAnError() {
        JsonPath reading = fireflyOf(collect(BROKEN).then().statusCode(200).extract().asString());
        assertEquals("error", reading.getString("state"));
        assertTrue(reading.getString("error").endsWith("answered HTTP 500"), reading.getString("error"));
    }

    @Test
    void nodeSlowerThanTheTimeoutIsUnreachable() {
        JsonPath reading = fireflyOf(collect(SLOW).then().statusCode(200).extract().asString());
        assertEquals("unreachable", reading.getString("state"));
    }

    @Test
    void truncatedJsonIsAnError() {
        JsonPath reading = fireflyOf(collect(GARBAGE).then().statusCode(200).extract().asString());
        assertEquals("error", reading.getString("state"));
        assertTrue(reading.getString("error").contains("not JSON"), reading.getString("error"));
    }

    private static void counts(long transactions, long pending, long failed) {
        firefly.json(NAMESPACE + "/apis", page(3))
                .json(NAMESPACE + "/transactions", page(transactions))
                .json(NAMESPACE + "/operations?status=Pending&limit=1&count=true", page(pending))
                .json(NAMESPACE + "/operations?status=Failed&limit=1&count=true", page(failed));
    }

    private static String page(long total) {
        return "{\"count\": " + Math.min(total, 1) + ", \"total\": " + total + ", \"items\": []}";
    }

    private static JsonPath fireflyOf(String health) {
        return new JsonPath(health).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE))
                .setRootPath("services.find { it.serviceType == 'firefly' }");
    }
}
