package io.orchestration.alert.rest;

import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.testing.KafkaTopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.orchestration.alert.support.Callers.as;
import static io.orchestration.alert.support.Callers.asUser;
import static io.orchestration.alert.support.Callers.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alerts through the API: raise, deduplicate, list and filter, acknowledge by role, resolve; each change an event. */
@QuarkusTest
class AlertApiTest {

    private static String body(String environment, String name, String severity, String labels) {
        return """
                {"environment": "%s", "name": "%s", "severity": "%s", "message": "%s on %s", "labels": %s}"""
                .formatted(environment, name, severity, name, environment, labels);
    }

    private static Response raise(String body) {
        return as("operator").contentType("application/json").body(body).post("/api/alerts");
    }

    @Test
    void aRepeatCountsOnTheSameAlertAndDifferentLabelsMakeAnother() {
        String env = unique("dedup");
        String first = raise(body(env, "disk-full", "warning", "{\"node\": \"besu-0\"}")).then()
                .statusCode(201)
                .header("Location", containsString("/api/alerts/"))
                .body("count", equalTo(1))
                .body("status", equalTo("firing"))
                .body("source", equalTo("api"))
                .body("labels.node", equalTo("besu-0"))
                .extract().path("id");

        raise(body(env, "disk-full", "error", "{\"node\": \"besu-0\"}")).then()
                .statusCode(200)
                .body("id", equalTo(first))
                .body("count", equalTo(2))
                .body("severity", equalTo("error"));
        raise(body(env, "disk-full", "warning", "{\"node\": \"besu-1\"}")).then().statusCode(201);

        as("viewer").get("/api/environments/{name}/alerts", env).then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.find { it.id == '%s' }.count".formatted(first), equalTo(2));
    }

    @Test
    void theSameAlertRaisedConcurrentlyIsOneAlertCountedEveryTime() throws Exception {
        String env = unique("race");
        String alert = body(env, "sync-lost", "error", "{\"node\": \"besu-2\"}");
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(callers.submit(() -> raise(alert).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(15, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        } finally {
            callers.shutdown();
        }
        as("viewer").get("/api/environments/{name}/alerts", env).then()
                .body("total", equalTo(1))
                .body("items[0].count", equalTo(16));
    }

    @Test
    void raisingAndAcknowledgingArePublishedAsAlertEvents() {
        String env = unique("events");
        try (KafkaTopicProbe events = KafkaTopicProbe.watch(Topics.ALERT)) {
            String id = raise(body(env, "peer-count-low", "warning", "{}")).then().statusCode(201).extract().path("id");
            ConsumerRecord<String, String> created = events.awaitRecord(
                    r -> EventTypes.ALERT_CREATED.equals(KafkaTopicProbe.header(r, "ce_type")) && id.equals(KafkaTopicProbe.header(r, "ce_subject")),
                    Duration.ofSeconds(15));
            assertEquals(env, created.key(), "alert events are keyed by environment");
            assertTrue(created.value().contains("\"name\":\"peer-count-low\""), created.value());

            as("operator").post("/api/alerts/{id}/acknowledge", id).then().statusCode(200);
            ConsumerRecord<String, String> updated = events.awaitRecord(
                    r -> EventTypes.ALERT_UPDATED.equals(KafkaTopicProbe.header(r, "ce_type")) && id.equals(KafkaTopicProbe.header(r, "ce_subject")),
                    Duration.ofSeconds(15));
            assertTrue(updated.value().contains("\"acknowledgedBy\":\"test-operator\""), updated.value());

            as("operator").post("/api/alerts/{id}/resolve", id).then().statusCode(200).body("status", equalTo("resolved"));
            events.awaitRecord(r -> EventTypes.ALERT_RESOLVED.equals(KafkaTopicProbe.header(r, "ce_type"))
                    && id.equals(KafkaTopicProbe.header(r, "ce_subject")), Duration.ofSeconds(15));
        }
    }

    @Test
    void anOperatorAcknowledgesAndTheFirstAcknowledgementIsKept() {
        String env = unique("ack");
        String id = raise(body(env, "feed-stale", "warning", "{}")).then().statusCode(201).extract().path("id");

        as("viewer").post("/api/alerts/{id}/acknowledge", id).then()
                .statusCode(403).contentType("application/problem+json");
        given().post("/api/alerts/{id}/acknowledge", id).then()
                .statusCode(401).contentType("application/problem+json");
        as("viewer").get("/api/alerts/{id}", id).then().body("acknowledged", equalTo(false));

        asUser("alice", "operator").post("/api/alerts/{id}/acknowledge", id).then()
                .statusCode(200)
                .body("acknowledged", equalTo(true))
                .body("acknowledgedBy", equalTo("alice"))
                .body("acknowledgedAt", notNullValue());
        asUser("bob", "admin").post("/api/alerts/{id}/acknowledge", id).then()
                .statusCode(200)
                .body("acknowledgedBy", equalTo("alice"));
    }

    @Test
    void filtersNarrowTheListAndPagesWalkIt() {
        String env = unique("filter");
        String acknowledged = raise(body(env, "a", "error", "{}")).then().statusCode(201).extract().path("id");
        raise(body(env, "b", "warning", "{}")).then().statusCode(201);
        raise(body(env, "c", "info", "{}")).then().statusCode(201);
        String resolved = raise(body(env, "d", "warning", "{}")).then().statusCode(201).extract().path("id");
        as("operator").post("/api/alerts/{id}/acknowledge", acknowledged).then().statusCode(200);
        as("operator").post("/api/alerts/{id}/resolve", resolved).then().statusCode(200);

        as("viewer").get("/api/alerts?environment={env}&severity=warning", env).then()
                .body("total", equalTo(2)).body("items.severity", everyItem(equalTo("warning")));
        as("viewer").get("/api/alerts?environment={env}&status=firing", env).then()
                .body("total", equalTo(3));
        as("viewer").get("/api/alerts?environment={env}&unacknowledged_only=true", env).then()
                .body("total", equalTo(3)).body("items.acknowledgedBy", everyItem(nullValue()));
        as("viewer").get("/api/environments/{env}/alerts?status=resolved", env).then()
                .body("total", equalTo(1)).body("items[0].id", equalTo(resolved)).body("items[0].resolvedBy", equalTo("test-operator"));
        as("viewer").get("/api/alerts?environment={env}&size=3&page=1", env).then()
                .body("total", equalTo(4)).body("page", equalTo(1)).body("items", hasSize(1));
    }

    @Test
    void aResolvedAlertSeenAgainFiresAgainAndNeedsANewAcknowledgement() {
        String env = unique("refire");
        String id = raise(body(env, "rpc-down", "error", "{}")).then().statusCode(201).extract().path("id");
        as("operator").post("/api/alerts/{id}/acknowledge", id).then().statusCode(200);
        as("operator").post("/api/alerts/{id}/resolve", id).then().statusCode(200);

        raise(body(env, "rpc-down", "error", "{}")).then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("firing"))
                .body("count", equalTo(2))
                .body("acknowledged", equalTo(false))
                .body("resolvedAt", nullValue());
    }
}
