package io.orchestration.systemtests;

import io.orchestration.testing.LiveClient;
import io.orchestration.testing.TestTokens;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The portal with two replicas of deployment-service and of the gateway, side by side on ports of their own (38080+)
 * and the *_rep databases, as a Kubernetes Deployment of two pods runs them: a deployment is driven by exactly one
 * replica and taken over when that replica is killed mid-deployment; every gateway replica delivers every event to
 * its own WebSocket clients.
 */
class ReplicasIT {

    private static final int ENVIRONMENT_PORT = 38081;
    private static final int DEPLOYMENT_PORT_A = 38082;
    private static final int DEPLOYMENT_PORT_B = 38092;
    private static final int GATEWAY_PORT_A = 38080;
    private static final int GATEWAY_PORT_B = 38090;
    /**
     * A canary's 27 dry-run steps at this pause outlast the second replica's start on a busy machine, so the first is
     * still driving when it is killed; the lease outlasts a pause (a live driver renews it at every step) and is
     * short enough to take over within the test.
     */
    private static final String STEP_PAUSE = "3s";
    private static final String LEASE = "8s";
    private static final Pattern STEP = Pattern.compile("^Step (\\d+)/(\\d+): ");
    private static final Pattern DRIVER = Pattern.compile("(?:Started|Resumed .*) by (deployment-service-[0-9a-f-]+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static RunningService environmentService;
    private static ReplicaPair deploymentService;
    private static ReplicaPair gateway;

    @BeforeAll
    static void startTheReplicas() throws Exception {
        TestDatabases.empty("environment_rep", "deployment_rep");
        Path work = Files.createTempDirectory("portal-replicas");
        Path catalogue = work.resolve("environments.yaml");
        Files.copy(RunningService.ROOT.resolve("config/environments.yaml"), catalogue);
        Path publicKey = work.resolve("jwt-public.pem");
        try (InputStream key = ReplicasIT.class.getClassLoader().getResourceAsStream("test-keys/jwt-public.pem")) {
            Files.copy(key, publicKey);
        }
        environmentService = RunningService.start("environment-service", "environment-service-rep", ENVIRONMENT_PORT, Map.of(
                "portal.db", "environment_rep",
                "environment.catalogue.path", catalogue.toString(),
                "mp.jwt.verify.publickey.location", publicKey.toString()));
        // The replicas share everything a Deployment's pods share: database, consumer group, lease settings, keys.
        deploymentService = new ReplicaPair("deployment-service", DEPLOYMENT_PORT_A, DEPLOYMENT_PORT_B, Map.of(
                "portal.db", "deployment_rep",
                "mp.messaging.incoming.environment-events.group.id", "deployment-service-rep-" + UUID.randomUUID(),
                "deployment.driver.lease", LEASE,
                "deployment.driver.interval", "200ms",
                "deployment.dry-run.step-pause", STEP_PAUSE,
                "mp.jwt.verify.publickey.location", publicKey.toString()));
        gateway = new ReplicaPair("gateway", GATEWAY_PORT_A, GATEWAY_PORT_B, Map.of(
                "gateway.services.environment", "http://127.0.0.1:" + ENVIRONMENT_PORT,
                "gateway.services.deployment", "http://127.0.0.1:" + DEPLOYMENT_PORT_A,
                "mp.jwt.verify.publickey.location", publicKey.toString()));
        environmentService.awaitReady(Duration.ofSeconds(90));
        deploymentService.startFirst();
        gateway.startBoth();
    }

    @AfterAll
    static void stopTheReplicas() throws Exception {
        for (AutoCloseable running : new AutoCloseable[]{gateway, deploymentService, environmentService}) {
            if (running != null) {
                running.close();
            }
        }
    }

    @Test
    void eachDeploymentIsDrivenByOneReplicaAndTakenOverWhenItsDriverIsKilled() throws Exception {
        RunningService replicaA = deploymentService.first();
        awaitDeployable(replicaA, "gcp-euw4-staging");
        String taken = deploy(replicaA, "gcp-euw4-staging", "canary");
        String driverA = awaitDriver(replicaA, taken);

        RunningService replicaB = deploymentService.startSecond();
        awaitDeployable(replicaB, "ibm-eu-de-dev");
        String shared = deploy(replicaB, "ibm-eu-de-dev", "canary");
        JsonObject beforeTheKill = logs(replicaB, taken);
        assertEquals("deploying", beforeTheKill.getString("status"),
                "the deployment ended before its driver could be killed: lengthen the step pause");
        assertEquals(List.of(driverA), drivers(beforeTheKill), "while replica A lives, it alone drives the deployment");

        replicaA.kill();
        JsonObject takenOver = awaitEnd(replicaB, taken, Duration.ofSeconds(150));
        assertEquals("completed", takenOver.getString("status"));
        List<String> drivers = drivers(takenOver);
        assertEquals(2, drivers.size(), "started by A, resumed once by B: " + drivers);
        assertEquals(driverA, drivers.get(0));
        assertNotEquals(driverA, drivers.get(1));
        assertTrue(messages(takenOver).stream().anyMatch(line -> line.startsWith("Resumed") && line.contains("lease expired")));
        assertEachStepRanOnce(takenOver);

        JsonObject sharedEnd = awaitEnd(replicaB, shared, Duration.ofSeconds(150));
        assertEquals("completed", sharedEnd.getString("status"));
        assertEquals(1, messages(sharedEnd).stream().filter(line -> line.startsWith("Started by")).count(),
                "one replica claimed the deployment started while both ran");
        assertEachStepRanOnce(sharedEnd);
    }

    @Test
    void everyGatewayReplicaDeliversEveryEventToItsOwnClients() throws Exception {
        String token = TestTokens.forRole("viewer");
        try (LiveClient clientOfA = LiveClient.connectLikeBrowser(URI.create("ws://127.0.0.1:" + GATEWAY_PORT_A + "/ws"), token);
             LiveClient clientOfB = LiveClient.connectLikeBrowser(URI.create("ws://127.0.0.1:" + GATEWAY_PORT_B + "/ws"), token)) {
            RunningService driver = liveDeploymentReplica();
            // The first events a new consumer group sees depend on when its partitions were assigned: wait until both
            // gateways deliver a whole deployment, then compare the next one event by event.
            awaitDeployable(driver, "azure-weu-prod");
            String warmUp = deploy(driver, "azure-weu-prod", "rolling");
            awaitCompletedOn(clientOfA, warmUp);
            awaitCompletedOn(clientOfB, warmUp);

            awaitDeployable(driver, "onprem-ams-hci");
            String watched = deploy(driver, "onprem-ams-hci", "rolling");
            awaitCompletedOn(clientOfA, watched);
            awaitCompletedOn(clientOfB, watched);
            Thread.sleep(500);
            List<String> seenByA = clientOfA.received().stream().filter(message -> message.contains(watched)).toList();
            List<String> seenByB = clientOfB.received().stream().filter(message -> message.contains(watched)).toList();
            assertTrue(seenByA.stream().anyMatch(message -> message.contains("\"type\":\"deployment-log\"")));
            assertTrue(seenByA.size() > 10, "a rollout's progress and log lines: " + seenByA);
            assertEquals(seenByA, seenByB, "both gateway replicas delivered the same events, in the same order");
        }
    }

    private static RunningService liveDeploymentReplica() {
        return deploymentService.second() != null ? deploymentService.second() : deploymentService.first();
    }

    private static void assertEachStepRanOnce(JsonObject logs) {
        int total = -1;
        int[] seen = new int[64];
        for (String line : messages(logs)) {
            Matcher step = STEP.matcher(line);
            if (step.find()) {
                total = Integer.parseInt(step.group(2));
                seen[Integer.parseInt(step.group(1))]++;
            }
        }
        assertTrue(total > 3, "a canary has several steps: " + messages(logs));
        for (int index = 1; index <= total; index++) {
            assertEquals(1, seen[index], "step " + index + "/" + total + " ran once: " + messages(logs));
        }
    }

    private static List<String> drivers(JsonObject logs) {
        return messages(logs).stream().map(DRIVER::matcher).filter(Matcher::find).map(found -> found.group(1)).toList();
    }

    private static List<String> messages(JsonObject logs) {
        JsonArray lines = logs.getJsonArray("lines");
        return lines.stream().map(line -> ((JsonObject) line).getString("message")).toList();
    }

    private static String awaitDriver(RunningService replica, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> drivers = drivers(logs(replica, id));
            if (!drivers.isEmpty()) {
                return drivers.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no replica started deployment " + id);
    }

    private static JsonObject awaitEnd(RunningService replica, String id, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject logs = logs(replica, id);
            if (!List.of("queued", "deploying").contains(logs.getString("status"))) {
                return logs;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("deployment " + id + " did not end within " + timeout + ": " + messages(logs(replica, id)));
    }

    private static void awaitCompletedOn(LiveClient client, String id) throws InterruptedException {
        client.awaitMessage(text -> text.contains("\"type\":\"deployment-updated\"") && text.contains(id)
                && text.contains("\"status\":\"completed\""), Duration.ofSeconds(90));
    }

    private static void awaitDeployable(RunningService replica, String environment) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> status = send(replica, "GET", "/api/environments/" + environment + "/status", "viewer", null);
            if (status.statusCode() == 200 && new JsonObject(status.body()).getValue("active") == null) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(environment + " never became deployable on " + replica.uri("/"));
    }

    private static String deploy(RunningService replica, String environment, String strategy) throws Exception {
        HttpResponse<String> accepted = send(replica, "POST", "/api/environments/" + environment + "/deploy", "operator",
                "{\"version\":\"2.0." + System.nanoTime() % 1000 + "\",\"strategy\":\"" + strategy + "\"}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        return new JsonObject(accepted.body()).getString("id");
    }

    private static JsonObject logs(RunningService replica, String id) throws Exception {
        HttpResponse<String> logs = send(replica, "GET", "/api/deployments/" + id + "/logs?size=500", "viewer", null);
        assertEquals(200, logs.statusCode(), logs.body());
        JsonObject page = new JsonObject(logs.body());
        assertFalse(page.getJsonArray("lines").isEmpty() && page.getString("status") == null, logs.body());
        return page;
    }

    private static HttpResponse<String> send(RunningService replica, String method, String path, String role, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(replica.uri(path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + TestTokens.forRole(role))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
