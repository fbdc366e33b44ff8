package io.orchestration.deployment.rest;

import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.testing.KafkaTopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.orchestration.deployment.support.DeploymentApi.as;
import static io.orchestration.deployment.support.DeploymentApi.awaitStatus;
import static io.orchestration.deployment.support.DeploymentApi.environmentExists;
import static io.orchestration.deployment.support.DeploymentApi.uniqueEnvironment;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A deployment's life through the API, with environments arriving as real events on Kafka and every
 * state change leaving as one: request, dry-run execution of the plan, conflicts, abort, bad input.
 */
@QuarkusTest
class DeploymentLifecycleTest {

    private static final String DRY_RUN = uniqueEnvironment("dep-dry");
    private static final String DISABLED = uniqueEnvironment("dep-off");
    private static final String LIVE = uniqueEnvironment("dep-live");
    private static final String CANARY_BODY = """
            {"version": "1.2.3", "strategy": "canary", "options": {"canarySteps": [10, 50, 100], "maxErrorRate": 0.02}}""";

    private static boolean environmentsKnown;

    /** Once per class, after Quarkus has started (a static @BeforeAll would run before the application). */
    @BeforeEach
    void environmentsArriveAsEvents() throws Exception {
        if (!environmentsKnown) {
            environmentExists(DRY_RUN, true, true);
            environmentExists(DISABLED, false, true);
            environmentExists(LIVE, true, false);
            environmentsKnown = true;
        }
    }

    @Test
    void canaryDryRunRunsEveryPlannedStepToCompletionAndPublishesEachChange() {
        try (KafkaTopicProbe events = KafkaTopicProbe.watch(Topics.DEPLOYMENT)) {
            Response accepted = as("operator").contentType("application/json").body(CANARY_BODY)
                    .post("/api/environments/{name}/deploy", DRY_RUN);
            accepted.then().statusCode(202)
                    .header("Location", containsString("/api/deployments/"))
                    .body("status", equalTo("queued"))
                    .body("strategy", equalTo("canary"))
                    .body("dryRun", equalTo(true))
                    .body("triggeredBy", equalTo("api"))
                    .body("requestedBy", equalTo("test-operator"));
            String id = accepted.path("id");

            awaitStatus(id, "completed");
            as("viewer").get("/api/deployments/{id}", id).then()
                    .body("progress", equalTo(100))
                    .body("completedAt", notNullValue())
                    .body("currentStep", equalTo("health-check chain"));
            List<String> log = as("viewer").get("/api/deployments/{id}/logs?size=500", id).path("lines.message");
            assertTrue(log.contains("[dry run] would PATCH networking.istio.io/v1 VirtualService chain/besu-rpc route weights stable 90, canary 10"), String.join("\n", log));
            assertTrue(log.contains("[dry run] would PATCH networking.istio.io/v1 VirtualService chain/besu-rpc route weights stable 50, canary 50"));
            assertTrue(log.contains("[dry run] would DELETE apps/v1 Deployment chain/besu-rpc-canary"));
            assertTrue(log.get(log.size() - 1).startsWith("Completed: version 1.2.3 rolled out with canary (dry run"));

            List<String> lifecycle = List.of(EventTypes.DEPLOYMENT_QUEUED, EventTypes.DEPLOYMENT_STARTED, EventTypes.DEPLOYMENT_COMPLETED);
            for (String type : lifecycle) {
                ConsumerRecord<String, String> event = events.awaitRecord(
                        r -> type.equals(KafkaTopicProbe.header(r, "ce_type")) && id.equals(KafkaTopicProbe.header(r, "ce_subject")),
                        Duration.ofSeconds(10));
                assertEquals(DRY_RUN, event.key(), "events are keyed by environment");
                assertEquals("/deployment-service", KafkaTopicProbe.header(event, "ce_source"));
            }
            events.awaitRecord(r -> EventTypes.DEPLOYMENT_LOG.equals(KafkaTopicProbe.header(r, "ce_type"))
                    && r.value().contains("route weights stable 90, canary 10"), Duration.ofSeconds(10));
        }
    }

    @Test
    void secondDeploymentWhileOneIsActiveIsAConflictAndAbortFreesTheEnvironment() {
        String first = as("operator").contentType("application/json").body("{\"version\":\"2.0.0\",\"strategy\":\"rolling\"}")
                .post("/api/environments/{name}/deploy", DRY_RUN).then().statusCode(202).extract().path("id");

        as("operator").contentType("application/json").body("{\"version\":\"2.0.1\",\"strategy\":\"rolling\"}")
                .post("/api/environments/{name}/deploy", DRY_RUN).then()
                .statusCode(409).contentType("application/problem+json")
                .body("activeDeployment", equalTo(first));

        as("operator").post("/api/deployments/{id}/abort", first).then()
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("error", containsString("Aborted by test-operator"));
        as("viewer").get("/api/environments/{name}/status", DRY_RUN).then()
                .body("active", equalTo(null))
                .body("latest.id", equalTo(first));
        as("operator").post("/api/deployments/{id}/abort", first).then().statusCode(409);

        String second = as("operator").contentType("application/json").body("{\"version\":\"2.0.1\",\"strategy\":\"blue-green\"}")
                .post("/api/environments/{name}/deploy", DRY_RUN).then().statusCode(202).extract().path("id");
        awaitStatus(second, "completed");
        List<String> firstLog = as("viewer").get("/api/deployments/{id}/logs", first).path("lines.message");
        assertTrue(firstLog.get(firstLog.size() - 1).startsWith("Aborted by test-operator"), "nothing ran after the abort: " + firstLog);
    }

    @Test
    void idempotencyKeyReplaysTheFirstDeploymentInsteadOfQueueingAnother() {
        String key = "retry-" + UUID.randomUUID();
        String first = as("operator").header("Idempotency-Key", key).contentType("application/json")
                .body("{\"version\":\"3.0.0\",\"strategy\":\"rolling\"}")
                .post("/api/environments/{name}/deploy", DRY_RUN).then().statusCode(202).extract().path("id");

        as("operator").header("Idempotency-Key", key).contentType("application/json")
                .body("{\"version\":\"3.0.0\",\"strategy\":\"rolling\"}")
                .post("/api/environments/{name}/deploy", DRY_RUN).then()
                .statusCode(200)
                .body("id", equalTo(first));
        awaitStatus(first, "completed");
        as("viewer").get("/api/deployments?environment={name}&version=3.0.0", DRY_RUN).then()
                .body("total", equalTo(1));
    }

    @Test
    void environmentsThatCannotTakeADeploymentSaySo() {
        as("operator").contentType("application/json").body("{\"version\":\"1.0.0\",\"strategy\":\"rolling\"}")
                .post("/api/environments/{name}/deploy", DISABLED).then()
                .statusCode(409).body("detail", containsString("is disabled"));
        as("operator").contentType("application/json").body("{\"version\":\"1.0.0\",\"strategy\":\"rolling\"}")
                .post("/api/environments/{name}/deploy", LIVE).then()
                .statusCode(409).body("detail", containsString("names no credentialsSecret"));
        as("operator").contentType("application/json").body("{\"version\":\"1.0.0\",\"strategy\":\"rolling\"}")
                .post("/api/environments/{name}/deploy", "no-such-environment").then()
                .statusCode(404).contentType("application/problem+json");
        as("viewer").get("/api/deployments?environment={a}", DISABLED).then().body("total", equalTo(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"version\":\"1.0.0\",\"strategy\":\"big-bang\"}",
            "{\"version\":\"1.0 beta\",\"strategy\":\"rolling\"}",
            "{\"strategy\":\"rolling\"}",
            "{\"version\":\"1.0.0\",\"strategy\":\"canary\",\"options\":{\"canarySteps\":[-10,100]}}",
            "{\"version\":\"1.0.0\",\"strategy\":\"canary\",\"options\":{\"canarySteps\":[50,25,100]}}",
            "{\"version\":\"1.0.0\",\"strategy\":\"canary\",\"options\":{\"maxErrorRate\":1.5}}",
            "{\"version\":\"1.0.0\",\"strategy\":\"canary\",\"options\":{\"pauseSeconds\":-1}}",
            "{\"version\":\"1.0.0\",\"strategy\":\"rolling\",\"triggeredBy\":\"scheduled\"}",
            "{\"version\":\"1.0.0\",\"strategy\":\"rolling\",\"colour\":\"blue\"}",
            "{\"version\": 1.0.0",
    })
    void badRequestIsA400ProblemAndQueuesNothing(String body) {
        int before = as("viewer").get("/api/deployments?environment={name}", DISABLED).path("total");
        as("operator").contentType("application/json").body(body)
                .post("/api/environments/{name}/deploy", DISABLED).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", notNullValue());
        assertEquals(before, (int) as("viewer").get("/api/deployments?environment={name}", DISABLED).path("total"));
    }

    @Test
    void unknownOrMalformedDeploymentIdsAreNotFound() {
        as("viewer").get("/api/deployments/{id}", UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        as("viewer").get("/api/deployments/{id}/logs", "not-a-uuid").then().statusCode(404);
        as("operator").post("/api/deployments/{id}/abort", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void badFiltersAreRefused() {
        as("viewer").get("/api/deployments?status=done").then().statusCode(400).body("detail", containsString("'status'"));
        as("viewer").get("/api/deployments?strategy=big-bang").then().statusCode(400);
        as("viewer").get("/api/deployments?from=yesterday").then().statusCode(400);
        as("viewer").get("/api/deployments?size=0").then().statusCode(400);
    }

    @Test
    void onlyOperatorsDeployAndOnlyAuthenticatedCallersRead() {
        as("viewer").contentType("application/json").body("{\"version\":\"1.0.0\",\"strategy\":\"rolling\"}")
                .post("/api/environments/{name}/deploy", DRY_RUN).then().statusCode(403).contentType("application/problem+json");
        given().contentType("application/json").body("{\"version\":\"1.0.0\",\"strategy\":\"rolling\"}")
                .post("/api/environments/{name}/deploy", DRY_RUN).then().statusCode(401);
        given().get("/api/deployments").then().statusCode(401);
        as("viewer").post("/api/deployments/{id}/abort", UUID.randomUUID()).then().statusCode(403);
        as("admin").get("/api/deployments").then().statusCode(200).body("items.status", hasItem(notNullValue()));
    }
}
