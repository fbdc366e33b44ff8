package io.orchestration.alert.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.orchestration.alert.support.Callers.as;
import static io.orchestration.alert.support.Callers.awaitUntil;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

/** Notification channels and alerts as a notification test sets them up, and the deliveries it waits for. */
public final class Channels {

    private Channels() {
    }

    /** Creates a channel (as admin) from a JSON body; returns its id. */
    public static String create(String json) {
        return as("admin").contentType("application/json").body(json).post("/api/notification-channels")
                .then().statusCode(201).extract().path("id");
    }

    public static void delete(String id) {
        as("admin").delete("/api/notification-channels/{id}", id).then().statusCode(204);
    }

    public static String raise(String environment, String name, String severity) {
        return as("operator").contentType("application/json").body("""
                        {"environment": "%s", "name": "%s", "severity": "%s", "message": "%s needs attention", "labels": {"node": "besu-0"}}"""
                        .formatted(environment, name, severity, name))
                .post("/api/alerts").then().statusCode(anyOf(is(200), is(201)))
                .extract().path("id");
    }

    public static List<Map<String, Object>> deliveriesOf(String alertId) {
        return as("viewer").get("/api/alerts/{id}/deliveries", alertId).then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** Waits until the alert has {@code count} deliveries and none is pending. */
    public static List<Map<String, Object>> awaitSettled(String alertId, int count) {
        awaitUntil(() -> {
            List<Map<String, Object>> all = deliveriesOf(alertId);
            return all.size() == count && all.stream().noneMatch(d -> "pending".equals(d.get("status")));
        }, Duration.ofSeconds(30), count + " settled deliveries of alert " + alertId);
        return deliveriesOf(alertId);
    }
}
