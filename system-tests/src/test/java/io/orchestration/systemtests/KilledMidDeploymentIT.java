package io.orchestration.systemtests;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static io.orchestration.systemtests.DeploymentLogs.drivers;
import static io.orchestration.systemtests.DeploymentLogs.messages;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The only deployment-service there is, killed (SIGKILL) in the middle of a dry-run canary and started again: the
 * deployment completes once the dead process's lease expires, resumed by the new process, and every step of the plan
 * ran exactly once. (ReplicasIT shows the two-replica case, where the other replica takes over.) Uses the *_flt
 * databases and the shared Kafka (flt.* topics of its own).
 */
class KilledMidDeploymentIT {

    private static final String ENVIRONMENT = "gcp-euw4-staging";
    /** A canary's 27 steps at this pause last well past the kill; the lease lets the restarted process resume soon. */
    private static final String STEP_PAUSE = "1s";
    private static final String LEASE = "6s";
    /** Topics of its own on the shared broker (flt.*), so no other test's services see these events. */
    private static final String TOPIC_PREFIX = "flt.";

    private RunningService environmentService;
    private RunningService deploymentService;
    private Map<String, String> deploymentProperties;
    private int deploymentPort;

    @BeforeEach
    void startTheServices() throws Exception {
        TestDatabases.empty("environment_flt", "deployment_flt");
        Path work = Files.createTempDirectory("portal-killed");
        Path catalogue = work.resolve("environments.yaml");
        Files.copy(RunningService.ROOT.resolve("config/environments.yaml"), catalogue);
        String publicKey = ServiceCalls.testKey(work, "jwt-public.pem").toString();
        environmentService = RunningService.start("environment-service", "environment-service-killed", PrivateKafka.freePort(), Map.of(
                "portal.db", "environment_flt",
                "portal.kafka.topic-prefix", TOPIC_PREFIX,
                "environment.catalogue.path", catalogue.toString(),
                "mp.jwt.verify.publickey.location", publicKey));
        deploymentPort = PrivateKafka.freePort();
        deploymentProperties = Map.of(
                "portal.db", "deployment_flt",
                "portal.kafka.topic-prefix", TOPIC_PREFIX,
                "mp.messaging.incoming.environment-events.group.id", "deployment-service-killed-" + UUID.randomUUID(),
                "deployment.driver.lease", LEASE,
                "deployment.driver.interval", "200ms",
                "deployment.dry-run.step-pause", STEP_PAUSE,
                "mp.jwt.verify.publickey.location", publicKey);
        deploymentService = RunningService.start("deployment-service", "deployment-service-killed", deploymentPort, deploymentProperties);
        environmentService.awaitReady(ServiceCalls.START_TIMEOUT);
        deploymentService.awaitReady(ServiceCalls.START_TIMEOUT);
    }

    @AfterEach
    void stopTheServices() throws Exception {
        for (RunningService service : new RunningService[]{deploymentService, environmentService}) {
            if (service != null) {
                service.close();
            }
        }
    }

    @Test
    void aDeploymentWhoseOnlyDriverWasKilledCompletesAfterTheRestartWithEveryStepOnce() throws Exception {
        ServiceCalls.awaitDeployable(deploymentService, ENVIRONMENT, Duration.ofSeconds(60));
        String id = ServiceCalls.deploy(deploymentService, ENVIRONMENT, "canary");
        awaitStep(id, 3);
        JsonObject beforeTheKill = logs(id);
        assertEquals("deploying", beforeTheKill.getString("status"));
        String killed = drivers(beforeTheKill).get(0);

        deploymentService.kill();
        deploymentService = RunningService.start("deployment-service", "deployment-service-killed-restarted", deploymentPort,
                deploymentProperties);
        deploymentService.awaitReady(ServiceCalls.START_TIMEOUT);
        JsonObject end = ServiceCalls.awaitEnd(deploymentService, id, Duration.ofSeconds(120));
        JsonObject logs = logs(id);

        assertEquals("completed", end.getString("status"), String.join("\n", messages(logs)));
        List<String> drivers = drivers(logs);
        assertEquals(2, drivers.size(), "started by the killed process, resumed once by the new one: " + drivers);
        assertEquals(killed, drivers.get(0));
        assertNotEquals(killed, drivers.get(1));
        assertTrue(messages(logs).stream().anyMatch(line -> line.startsWith("Resumed") && line.contains("lease expired")),
                String.join("\n", messages(logs)));
        DeploymentLogs.assertEachStepRanOnce(logs);
        HttpResponse<String> status = ServiceCalls.send(deploymentService, "GET", "/api/environments/" + ENVIRONMENT + "/status",
                "viewer", null);
        assertEquals(200, status.statusCode(), status.body());
        assertEquals(null, new JsonObject(status.body()).getValue("active"), "nothing is left deploying: " + status.body());
    }

    private void awaitStep(String id, int step) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (messages(logs(id)).stream().anyMatch(line -> line.startsWith("Step " + step + "/"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("deployment " + id + " never reached step " + step + ": " + messages(logs(id)));
    }

    private JsonObject logs(String id) throws Exception {
        HttpResponse<String> logs = ServiceCalls.send(deploymentService, "GET", "/api/deployments/" + id + "/logs?size=500", "viewer", null);
        assertEquals(200, logs.statusCode(), logs.body());
        return new JsonObject(logs.body());
    }
}
