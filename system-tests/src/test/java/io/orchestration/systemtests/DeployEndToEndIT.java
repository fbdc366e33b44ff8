package io.orchestration.systemtests;

import io.orchestration.testing.LiveClient;
import io.orchestration.testing.TestTokens;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;

import static io.orchestration.systemtests.GatewayCalls.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operator deploys through the gateway to an environment of the shipped catalogue; the
 * environment reached deployment-service only as events, and the rollout's log and progress reach
 * a browser over the WebSocket while it runs.
 */
@ExtendWith(RunningPortal.class)
class DeployEndToEndIT {

    private static final String ENVIRONMENT = "gcp-euw4-staging";

    @Test
    void dryRunCanaryThroughTheGatewayStreamsItsLogAndCompletes() throws Exception {
        awaitEnvironmentKnownToDeploymentService();
        try (LiveClient browser = LiveClient.connectLikeBrowser(RunningPortal.liveFeed(), TestTokens.forRole("viewer"))) {
            HttpResponse<String> accepted = send("POST", "/api/environments/" + ENVIRONMENT + "/deploy",
                    TestTokens.forRole("operator"), "{\"version\":\"1.2.3\",\"strategy\":\"canary\"}");
            assertEquals(202, accepted.statusCode(), accepted.body());
            String id = new JsonObject(accepted.body()).getString("id");

            String logLine = browser.awaitMessage(text -> text.contains("\"type\":\"deployment-log\"")
                    && text.contains("route weights stable 90, canary 10"), Duration.ofSeconds(30));
            assertEquals(id, new JsonObject(logLine).getJsonObject("data").getString("deploymentId"));
            String completed = browser.awaitMessage(text -> text.contains("\"type\":\"deployment-updated\"")
                    && text.contains("\"status\":\"completed\"") && text.contains(id), Duration.ofSeconds(60));
            assertEquals(100, new JsonObject(completed).getJsonObject("data").getInteger("progress"));

            JsonObject deployment = new JsonObject(send("GET", "/api/deployments/" + id, TestTokens.forRole("viewer"), null).body());
            assertEquals("completed", deployment.getString("status"));
            assertTrue(deployment.getBoolean("dryRun"));
        }
    }

    private static void awaitEnvironmentKnownToDeploymentService() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> status = send("GET", "/api/environments/" + ENVIRONMENT + "/status", TestTokens.forRole("viewer"), null);
            if (status.statusCode() == 200 && new JsonObject(status.body()).getValue("active") == null) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(ENVIRONMENT + " never became deployable through the gateway");
    }
}
