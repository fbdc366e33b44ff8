package io.orchestration.deployment.rest;

import io.orchestration.deployment.support.SlackReceiver;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static io.orchestration.deployment.support.DeploymentApi.as;
import static io.orchestration.deployment.support.DeploymentApi.awaitStatus;
import static io.orchestration.deployment.support.DeploymentApi.awaitUntil;
import static io.orchestration.deployment.support.DeploymentApi.deploy;
import static io.orchestration.deployment.support.DeploymentApi.environmentExists;
import static io.orchestration.deployment.support.DeploymentApi.pause;
import static io.orchestration.deployment.support.DeploymentApi.statusOf;
import static io.orchestration.deployment.support.DeploymentApi.uniqueEnvironment;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rollbacks, scheduled starts, a driver that dies mid-rollout, and the Slack message at the end. */
@QuarkusTest
class DeploymentRecoveryTest {

    private static final String ENVIRONMENT = uniqueEnvironment("dep-rec");
    private static final String ROLLING = "{\"version\":\"%s\",\"strategy\":\"rolling\"}";
    private static boolean environmentKnown;
    private static SlackReceiver slack;

    @BeforeAll
    static void startSlack() throws Exception {
        slack = new SlackReceiver();
    }

    @AfterAll
    static void stopSlack() {
        slack.close();
    }

    @BeforeEach
    void environmentArrives() throws Exception {
        if (!environmentKnown) {
            environmentExists(ENVIRONMENT, true, true);
            environmentKnown = true;
        }
    }

    @Test
    void rollingBackARunningCanaryRevertsItsTrafficAndEndsRolledBack() {
        String id = deploy(ENVIRONMENT, "{\"version\":\"5.0.0\",\"strategy\":\"canary\"}");
        awaitStatus(id, "deploying");

        as("operator").post("/api/deployments/{id}/rollback", id).then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("rolled_back"))
                .body("error", containsString("Rolled back by test-operator"));

        List<String> log = as("viewer").get("/api/deployments/{id}/logs?size=500", id).path("lines.message");
        assertTrue(log.contains("[dry run] would PATCH networking.istio.io/v1 VirtualService chain/besu-rpc route weights stable 100, canary 0"), String.join("\n", log));
        assertTrue(log.contains("[dry run] would DELETE apps/v1 Deployment chain/besu-rpc-canary"));
        pause(500);
        assertEquals("rolled_back", statusOf(id), "the driver does not run it any further");
        awaitUntil(() -> slack.messages().stream().anyMatch(m -> m.contains("5.0.0") && m.contains("rolled back")),
                "the Slack message about the rollback");
    }

    @Test
    void rollingBackACompletedDeploymentRedeploysTheVersionBeforeIt() {
        String first = deploy(ENVIRONMENT, ROLLING.formatted("6.0.0"));
        awaitStatus(first, "completed");
        String second = deploy(ENVIRONMENT, ROLLING.formatted("6.1.0"));
        awaitStatus(second, "completed");

        String rollback = as("operator").post("/api/deployments/{id}/rollback", second).then()
                .statusCode(202)
                .body("version", equalTo("6.0.0"))
                .body("rollbackOf", equalTo(second))
                .body("strategy", equalTo("rolling"))
                .extract().path("id");

        awaitStatus(rollback, "completed");
        assertEquals("completed", statusOf(second), "the rolled-back deployment keeps its own history");
        awaitUntil(() -> slack.messages().stream().anyMatch(m -> m.contains("6.0.0") && m.contains("completed")),
                "the Slack message about the completed rollback");
    }

    @Test
    void onlyRunningOrCompletedDeploymentsCanBeRolledBack() {
        String aborted = deploy(ENVIRONMENT, ROLLING.formatted("7.0.0"));
        as("operator").post("/api/deployments/{id}/abort", aborted).then().statusCode(200);

        as("operator").post("/api/deployments/{id}/rollback", aborted).then()
                .statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("nothing of it to roll back"));
        as("operator").post("/api/deployments/{id}/rollback", UUID.randomUUID()).then().statusCode(404);
        as("viewer").post("/api/deployments/{id}/rollback", aborted).then().statusCode(403);
    }

    @Test
    void scheduledDeploymentWaitsForItsTimeThenRuns() {
        OffsetDateTime startAt = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(3);
        String id = as("operator").contentType("application/json")
                .body("{\"version\":\"8.0.0\",\"strategy\":\"rolling\",\"startAt\":\"" + startAt + "\"}")
                .post("/api/environments/{name}/deploy", ENVIRONMENT).then()
                .statusCode(202)
                .body("triggeredBy", equalTo("scheduled"))
                .body("status", equalTo("queued"))
                .extract().path("id");

        pause(1500);
        assertEquals("queued", statusOf(id), "not started before its time");
        awaitStatus(id, "completed");
        OffsetDateTime started = OffsetDateTime.parse(as("viewer").get("/api/deployments/{id}", id).path("startedAt"));
        assertTrue(!started.isBefore(startAt), "started at " + started + ", scheduled for " + startAt);
    }

    @Test
    void startTimesInThePastOrTooFarAheadAreRefused() {
        for (OffsetDateTime startAt : List.of(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1),
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(400))) {
            as("operator").contentType("application/json")
                    .body("{\"version\":\"8.1.0\",\"strategy\":\"rolling\",\"startAt\":\"" + startAt + "\"}")
                    .post("/api/environments/{name}/deploy", ENVIRONMENT).then()
                    .statusCode(400).contentType("application/problem+json");
        }
    }

    @Test
    void deploymentWhoseDriverDiedIsResumedByAnotherAndCompletes() throws Exception {
        String id = deploy(ENVIRONMENT, ROLLING.formatted("9.0.0"));
        awaitUntil(() -> as("viewer").get("/api/deployments/{id}", id).<Integer>path("progress") > 0, "the rollout to make progress");

        // What a crashed replica leaves behind: a running deployment held by a lease nobody renews.
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database(), "portal", "portal");
             PreparedStatement crash = db.prepareStatement(
                     "update deployment set lease_owner = 'crashed-replica', lease_expires_at = now() - interval '1 second' where id = ?")) {
            crash.setObject(1, UUID.fromString(id));
            assertEquals(1, crash.executeUpdate());
        }

        awaitStatus(id, "completed");
        List<String> log = as("viewer").get("/api/deployments/{id}/logs?size=500", id).path("lines.message");
        assertTrue(log.stream().anyMatch(line -> line.startsWith("Resumed at step ") && line.contains("lease expired")), String.join("\n", log));
        assertTrue(log.get(log.size() - 1).startsWith("Completed: version 9.0.0"));
    }

    private static String database() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("portal.db", String.class);
    }
}
