package io.orchestration.deployment.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.orchestration.deployment.support.LiveCluster;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.orchestration.deployment.cluster.ClusterController.thenValidators;
import static io.orchestration.deployment.support.DeploymentApi.as;
import static io.orchestration.deployment.support.DeploymentApi.awaitStatus;
import static io.orchestration.deployment.support.DeploymentApi.awaitUntil;
import static io.orchestration.deployment.support.DeploymentApi.deploy;
import static io.orchestration.deployment.support.DeploymentApi.liveEnvironmentExists;
import static io.orchestration.deployment.support.DeploymentApi.uniqueEnvironment;
import static io.orchestration.deployment.support.LiveCluster.image;
import static io.orchestration.deployment.support.LiveCluster.replicas;
import static io.orchestration.deployment.support.LiveCluster.selector;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Blue-green deployments applied to a live cluster (fabric8's mock API server in CRUD mode, a test controller playing
 * Kubernetes): the idle colour is deployed beside the live one, checked, given the Service, and the old one scaled down.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class LiveBlueGreenDeploymentTest {

    private static final String BLUE_GREEN = "{\"version\":\"%s\",\"strategy\":\"blue-green\"}";

    @Inject
    KubernetesClient cluster;

    @BeforeEach
    void clusterCredentialsAreInThePortalsNamespace() {
        LiveCluster.credentialsAreInThePortalsNamespace(cluster);
    }

    @Test
    void greenIsDeployedBesideTheLiveDeploymentThenServesAndTheNextRolloutGoesToBlue() throws Exception {
        String environment = uniqueEnvironment("bg-ok");
        liveEnvironmentExists(environment, environment, "mock", LiveCluster.CREDENTIALS);

        try (ClusterController controller = ClusterController.runningChain(cluster, environment, "24.1.0")) {
            String first = deploy(environment, BLUE_GREEN.formatted("24.2.0"));
            awaitStatus(first, "completed");

            assertEquals(thenValidators("hyperledger/besu:24.2.0", "Deployment besu-rpc-green -> hyperledger/besu:24.2.0 x2", "Deployment besu-rpc -> hyperledger/besu:24.1.0 x0"), controller.rollouts(), "green, then the old one down, then the validators");
            assertEquals(Map.of("app", "besu-rpc", "color", "green"), selector(cluster, environment, "besu-rpc"));
            assertEquals("hyperledger/besu:24.2.0", image(cluster, "Deployment", environment, "besu-rpc-green"));
            assertEquals(Map.of("app", "besu-rpc", "track", "stable", "color", "green"),
                    cluster.apps().deployments().inNamespace(environment).withName("besu-rpc-green").get().getSpec().getSelector().getMatchLabels());
            List<String> log = logOf(first);
            assertTrue(log.contains("applied: Service " + environment + "/besu-rpc now selects color=green"), String.join("\n", log));
            assertTrue(log.contains("healthy: 2 of 2 pods of Deployment " + environment + "/besu-rpc-green are Ready"));
            assertTrue(log.stream().anyMatch(line -> line.startsWith("stable: 2 of 2 pods of Deployment " + environment + "/besu-rpc-green")));

            controller.settled(5);
            String second = deploy(environment, BLUE_GREEN.formatted("24.3.0"));
            awaitStatus(second, "completed");

            assertEquals(Map.of("app", "besu-rpc", "color", "blue"), selector(cluster, environment, "besu-rpc"));
            assertEquals("hyperledger/besu:24.3.0", image(cluster, "Deployment", environment, "besu-rpc-blue"));
            assertEquals(2, replicas(cluster, environment, "besu-rpc-blue"));
            assertEquals(0, replicas(cluster, environment, "besu-rpc-green"));
            assertEquals(0, replicas(cluster, environment, "besu-rpc"));
        }
    }

    @Test
    void anIdleColourThatNeverGetsReadyIsRolledBackBeforeItGetsAnyTraffic() throws Exception {
        String environment = uniqueEnvironment("bg-unready");
        liveEnvironmentExists(environment, environment, "mock", LiveCluster.CREDENTIALS);

        try (ClusterController controller = ClusterController.runningChain(cluster, environment, "24.1.0")) {
            controller.podsNeverReady("besu-rpc-green");
            String id = deploy(environment, BLUE_GREEN.formatted("24.2.0"));
            awaitStatus(id, "rolled_back");

            as("viewer").get("/api/deployments/{id}", id).then()
                    .body("rollingBack", equalTo(true))
                    .body("error", containsString("Step 'health-check idle colour' failed: Deployment " + environment
                            + "/besu-rpc-green has 0 Ready pods of 2 wanted (2 not Ready)"));
            assertEquals(Map.of("app", "besu-rpc"), selector(cluster, environment, "besu-rpc"), "traffic never left the live pods");
            assertEquals(2, replicas(cluster, environment, "besu-rpc"));
            assertEquals(0, replicas(cluster, environment, "besu-rpc-green"));
            assertEquals("hyperledger/besu:24.1.0", image(cluster, "StatefulSet", environment, "besu-validator"));
            List<String> log = logOf(id);
            assertTrue(log.contains("nothing to switch back: Service " + environment + "/besu-rpc never left the colour live before"),
                    String.join("\n", log));
            assertTrue(log.get(log.size() - 1).startsWith("Rolled back: the changes of version 24.2.0 are undone"));
        }
    }

    @Test
    void aRollbackWhileTheNewColourStabilisesSwitchesTrafficBackAtOnce() throws Exception {
        String environment = uniqueEnvironment("bg-back");
        liveEnvironmentExists(environment, environment, "mock", LiveCluster.CREDENTIALS);

        try (ClusterController controller = ClusterController.runningChain(cluster, environment, "24.1.0")) {
            String id = deploy(environment, BLUE_GREEN.formatted("24.2.0"));
            awaitUntil(() -> "stabilise besu-rpc".equals(as("viewer").get("/api/deployments/{id}", id).path("currentStep")),
                    "the switch to green and its stabilisation");
            assertEquals("green", selector(cluster, environment, "besu-rpc").get("color"));

            as("operator").post("/api/deployments/{id}/rollback", id).then().statusCode(202).body("rollingBack", equalTo(true));
            awaitStatus(id, "rolled_back");

            assertEquals(Map.of("app", "besu-rpc"), selector(cluster, environment, "besu-rpc"));
            assertEquals(2, replicas(cluster, environment, "besu-rpc"));
            assertEquals(0, replicas(cluster, environment, "besu-rpc-green"));
            List<String> log = logOf(id);
            assertTrue(log.contains("applied: Service " + environment + "/besu-rpc switched back to Deployment " + environment
                    + "/besu-rpc (no colour)"), String.join("\n", log));
            assertTrue(log.stream().noneMatch(line -> line.startsWith("stable: ")), "the stabilisation was cut short: " + log);
        }
    }

    private static List<String> logOf(String id) {
        return as("viewer").get("/api/deployments/{id}/logs?size=500", id).path("lines.message");
    }
}
