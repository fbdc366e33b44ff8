package io.orchestration.alert.events;

import io.orchestration.alert.support.DomainEvents;
import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.orchestration.alert.support.Callers.as;
import static io.orchestration.alert.support.Callers.awaitUntil;
import static io.orchestration.alert.support.Callers.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deployment, monitoring and cost events from the real Kafka become alerts, once each, and recoveries resolve them. */
@QuarkusTest
class EventAlertsTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    private DomainEvents events;

    @BeforeEach
    void consumersListen() throws Exception {
        events = new DomainEvents();
        events.awaitConsumersListening();
    }

    @AfterEach
    void close() {
        events.close();
    }

    private static List<Map<String, Object>> alertsOf(String environment) {
        return as("viewer").get("/api/environments/{env}/alerts", environment).then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    private static Map<String, Object> onlyAlertOf(String environment) {
        List<Map<String, Object>> alerts = alertsOf(environment);
        assertEquals(1, alerts.size(), "exactly one alert: " + alerts);
        return alerts.get(0);
    }

    private static void awaitAlert(String environment, String what, Predicate<Map<String, Object>> wanted) {
        awaitUntil(() -> alertsOf(environment).stream().anyMatch(wanted), WITHIN, what);
    }

    @Test
    void anUnhealthyServiceIsOneAlertThatEscalatesAndRecoveryResolvesIt() throws Exception {
        String env = unique("mon");
        events.healthChanged(env, "besu", "besu-rpc-0", "healthy", "degraded", "peers 1 < 2");
        awaitAlert(env, "a warning for the degraded service", a -> "warning".equals(a.get("severity")));

        String unhealthy = events.healthChanged(env, "besu", "besu-rpc-0", "degraded", "unhealthy", "no block for 60 s");
        awaitAlert(env, "the same alert as an error", a -> "error".equals(a.get("severity")));
        Map<String, Object> alert = onlyAlertOf(env);
        assertEquals("monitoring", alert.get("source"));
        assertEquals("service-health", alert.get("name"));
        assertEquals(2, alert.get("count"));
        assertEquals(Map.of("serviceType", "besu", "serviceName", "besu-rpc-0"), alert.get("labels"));
        assertTrue(((String) alert.get("message")).contains("no block for 60 s"), alert.toString());

        // The same event delivered again (a redelivery after a rebalance) changes nothing.
        events.healthChangedWithId(unhealthy, env, "besu", "besu-rpc-0", "degraded", "unhealthy", "no block for 60 s");
        events.healthChanged(env, "besu", "besu-rpc-0", "unhealthy", "healthy");
        awaitAlert(env, "recovery to resolve the alert", a -> "resolved".equals(a.get("status")));
        Map<String, Object> resolved = onlyAlertOf(env);
        assertEquals(2, resolved.get("count"), "the redelivered event was applied once");
        assertEquals("monitoring-service", resolved.get("resolvedBy"));
    }

    @Test
    void aStaleOracleFeedIsAWarningPerFeed() throws Exception {
        String env = unique("feed");
        events.feedStale(env, "0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419", 7300);
        events.feedStale(env, "0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419", 7400);
        awaitAlert(env, "one stale-feed alert seen twice", a -> Integer.valueOf(2).equals(a.get("count")));
        Map<String, Object> alert = onlyAlertOf(env);
        assertEquals("oracle-feed-stale", alert.get("name"));
        assertEquals("warning", alert.get("severity"));
        assertTrue(((String) alert.get("message")).contains("ETH / USD"), alert.toString());
    }

    @Test
    void aFailedDeploymentIsOneErrorAlertAndTheNextCompletedDeploymentResolvesIt() throws Exception {
        String env = unique("dep");
        events.deployment(EventTypes.DEPLOYMENT_FAILED, env, "failed", "health check failed: block number not advancing");
        events.deployment(EventTypes.DEPLOYMENT_ROLLED_BACK, env, "rolled_back", "canary error rate 0.09 above 0.05");
        events.deployment(EventTypes.DEPLOYMENT_PROGRESSED, env, "deploying", null);
        awaitUntil(() -> alertsOf(env).size() == 2, WITHIN, "a failure and a rollback alert");
        Map<String, Map<String, Object>> byName = new HashMap<>();
        alertsOf(env).forEach(a -> byName.put((String) a.get("name"), a));
        assertEquals("error", byName.get("deployment-failed").get("severity"));
        assertTrue(((String) byName.get("deployment-failed").get("message")).contains("block number not advancing"));
        assertEquals("warning", byName.get("deployment-rolled-back").get("severity"));

        events.deployment(EventTypes.DEPLOYMENT_COMPLETED, env, "completed", null);
        awaitUntil(() -> alertsOf(env).stream().allMatch(a -> "resolved".equals(a.get("status"))), WITHIN,
                "the completed deployment to resolve both");
    }

    @Test
    void budgetThresholdsEscalateOneAlertPerBudgetAndAnomaliesWarn() throws Exception {
        String env = unique("cost");
        events.budgetCrossed(env, "b-1", 0.8, 812.0);
        events.budgetCrossed(env, "b-1", 1.0, 1004.0);
        events.anomaly(env);
        awaitUntil(() -> alertsOf(env).size() == 2 && alertsOf(env).stream().anyMatch(a -> "error".equals(a.get("severity"))),
                WITHIN, "a budget alert escalated to error and an anomaly warning");
        JsonPath page = as("viewer").get("/api/alerts?environment={env}&source=cost", env).jsonPath();
        assertEquals(List.of("b-1"), page.getList("items.findAll { it.name == 'budget-threshold-crossed' }.labels.budgetId"));
        assertEquals(List.of(2), page.getList("items.findAll { it.name == 'budget-threshold-crossed' }.count"));
        assertEquals(List.of("warning"), page.getList("items.findAll { it.name == 'cost-anomaly' }.severity"));
    }

    @Test
    void anUnreadableEventDoesNotStopTheOnesAfterIt() throws Exception {
        String env = unique("poison");
        events.raw(Topics.MONITORING, env, EventTypes.MONITORING_HEALTH_CHANGED, "{\"serviceType\": \"besu\"}");
        events.raw(Topics.MONITORING, env, EventTypes.MONITORING_HEALTH_CHANGED, "not json");
        events.healthChanged(env, "cacti", "cacti-api", "healthy", "unhealthy", "healthcheck answered 503");
        awaitAlert(env, "the valid event after two bad ones", a -> "service-health".equals(a.get("name")));
        assertEquals(1, alertsOf(env).size());
    }
}
