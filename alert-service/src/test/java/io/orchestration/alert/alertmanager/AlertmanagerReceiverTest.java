package io.orchestration.alert.alertmanager;

import io.orchestration.alert.support.AlertmanagerServer;
import io.orchestration.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.orchestration.alert.support.Callers.as;
import static io.orchestration.alert.support.Callers.awaitUntil;
import static io.orchestration.alert.support.Callers.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A real Alertmanager notifies the portal's webhook receiver; its alerts become portal alerts and resolve there. */
@QuarkusTest
class AlertmanagerReceiverTest {

    private static List<Map<String, Object>> alertsOf(String environment) {
        return as("viewer").get("/api/environments/{env}/alerts", environment).then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    private static String alert(String environment, String endsAt) {
        return """
                [{"labels": {"alertname": "BesuPeersLow", "environment": "%s", "severity": "critical", "job": "besu", "instance": "besu-0:9545"},
                  "annotations": {"summary": "Besu node besu-0 has 0 peers", "description": "peers below 1 for 5 m"},
                  "generatorURL": "http://prometheus.local/graph"%s}]"""
                .formatted(environment, endsAt == null ? "" : ", \"endsAt\": \"" + endsAt + "\"");
    }

    @Test
    void anAlertPostedToAlertmanagerBecomesOnePortalAlertAndResolvesThere() throws Exception {
        String env = unique("am");
        URI webhook = URI.create("http://127.0.0.1:" + RestAssured.port + "/api/alerts/alertmanager");
        try (AlertmanagerServer alertmanager = AlertmanagerServer.notifying(webhook, TestTokens.forUser("alertmanager", "operator"))) {
            alertmanager.post(alert(env, null));
            awaitUntil(() -> alertsOf(env).size() == 1, Duration.ofSeconds(30), "Alertmanager's notification; log: " + alertmanager.log());
            Map<String, Object> alert = alertsOf(env).get(0);
            assertEquals("alertmanager", alert.get("source"));
            assertEquals("BesuPeersLow", alert.get("name"));
            assertEquals("error", alert.get("severity"), "critical maps to error");
            assertEquals("firing", alert.get("status"));
            assertEquals("Besu node besu-0 has 0 peers", alert.get("message"));
            assertEquals(Map.of("job", "besu", "instance", "besu-0:9545"), alert.get("labels"));

            alertmanager.post(alert(env, OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1).toString()));
            awaitUntil(() -> "resolved".equals(alertsOf(env).get(0).get("status")), Duration.ofSeconds(30),
                    "Alertmanager's resolved notification; log: " + alertmanager.log());
            assertEquals(1, alertsOf(env).size(), "still one alert");
            assertEquals("alertmanager", alertsOf(env).get(0).get("resolvedBy"));
        }
    }

    private static String payload(String alerts) {
        return """
                {"version": "4", "groupKey": "{}:{alertname=\\"X\\"}", "truncatedAlerts": 0, "status": "firing", "receiver": "portal",
                 "groupLabels": {}, "commonLabels": {}, "commonAnnotations": {}, "externalURL": "http://am.local", "alerts": %s}"""
                .formatted(alerts);
    }

    private static String firing(String labels) {
        return """
                {"status": "firing", "labels": %s, "annotations": {"summary": "s"}, "startsAt": "2026-11-24T10:00:00Z",
                 "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://p", "fingerprint": "abc"}""".formatted(labels);
    }

    @Test
    void aNotificationWithOneBadAlertStoresNoneOfIt() {
        String env = unique("am-bad");
        String good = firing("{\"alertname\": \"Good\", \"environment\": \"" + env + "\"}");
        as("operator").contentType("application/json")
                .body(payload("[" + good + ", " + firing("{\"alertname\": \"Bad\", \"environment\": \"" + env + "\", \"severity\": \"apocalyptic\"}") + "]"))
                .post("/api/alerts/alertmanager").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("alerts[1].labels.severity"));
        as("operator").contentType("application/json")
                .body(payload("[" + good + ", " + firing("{\"environment\": \"" + env + "\"}") + "]"))
                .post("/api/alerts/alertmanager").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("alertname"));
        as("operator").contentType("application/json").body(payload("[" + good + "]").replace("\"version\": \"4\"", "\"version\": \"3\""))
                .post("/api/alerts/alertmanager").then()
                .statusCode(400).contentType("application/problem+json");
        as("operator").contentType("application/json").body("{\"version\": \"4\", \"alerts\": {}}")
                .post("/api/alerts/alertmanager").then()
                .statusCode(400).contentType("application/problem+json");
        assertEquals(0, alertsOf(env).size());

        as("viewer").contentType("application/json").body(payload("[" + good + "]"))
                .post("/api/alerts/alertmanager").then().statusCode(403);
        as("operator").contentType("application/json").body(payload("[" + good + "]"))
                .post("/api/alerts/alertmanager").then()
                .statusCode(200).body("firing", equalTo(1)).body("resolved", equalTo(0));
        assertEquals(1, alertsOf(env).size());
    }
}
