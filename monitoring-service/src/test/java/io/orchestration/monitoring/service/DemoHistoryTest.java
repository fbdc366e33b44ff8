package io.orchestration.monitoring.service;

import io.orchestration.monitoring.domain.MonitoredEnvironment;
import io.orchestration.monitoring.support.MonitoringApi;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seeded demo history: 24 h per service, labelled source: demo in statuses and charts. */
@QuarkusTest
class DemoHistoryTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @Inject
    DemoHistory demo;

    @Test
    void seededEnvironmentShowsADayOfHistoryLabelledDemo() throws Throwable {
        String environment = "demo-" + RUN;
        MonitoringApi.announce(environment, Map.of("besuRpc", "http://besu.example.internal:8545", "cacti", "http://cacti.example.internal:4000"));
        MonitoredEnvironment known = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> MonitoredEnvironment.<MonitoredEnvironment>findById(environment)));

        int written = VertxContextSupport.subscribeAndAwait(() -> demo.seed(known));

        // 289 five-minute points over 24 h: 8 Besu metrics and 4 Cacti metrics
        assertEquals(289 * (8 + 4), written);
        MonitoringApi.as("viewer").get("/api/monitoring/environments/{name}/health", environment).then().statusCode(200)
                .body("source", equalTo("demo"))
                .body("services", hasSize(2))
                .body("services.source", everyItem(equalTo("demo")))
                .body("services.health", everyItem(equalTo("healthy")));
        List<Float> blocks = MonitoringApi.as("viewer").queryParam("range", "24h").queryParam("metric", "blockNumber")
                .get("/api/environments/{name}/metrics", environment).then().statusCode(200)
                .body("resolution", equalTo("minute"))
                .body("series[0].source", equalTo("demo"))
                .body("series[0].points.size()", greaterThanOrEqualTo(280))
                .extract().jsonPath().getList("series[0].points.avg", Float.class);
        assertTrue(blocks.get(blocks.size() - 1) > blocks.get(0), "the demo chain advances");
    }
}
