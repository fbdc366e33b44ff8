package io.orchestration.deployment.cluster;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.orchestration.testing.HardhatDevChain;
import io.orchestration.deployment.support.LiveCluster;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static io.orchestration.deployment.cluster.ClusterController.thenValidators;
import static io.orchestration.deployment.support.DeploymentApi.as;
import static io.orchestration.deployment.support.DeploymentApi.awaitStatus;
import static io.orchestration.deployment.support.DeploymentApi.awaitUntil;
import static io.orchestration.deployment.support.DeploymentApi.pause;
import static io.orchestration.deployment.support.DeploymentApi.deploy;
import static io.orchestration.deployment.support.DeploymentApi.liveEnvironmentExists;
import static io.orchestration.deployment.support.DeploymentApi.uniqueEnvironment;
import static io.orchestration.deployment.support.LiveCluster.chainRunsVersion;
import static io.orchestration.deployment.support.LiveCluster.image;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rolling deployments applied to a live cluster: fabric8's mock API server in CRUD mode, with a test controller
 * that rolls workloads out (or never does). The portal reads the cluster's kubeconfig from a Secret, as in production.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class LiveRollingDeploymentTest {

    @Inject
    KubernetesClient cluster;

    private static HardhatDevChain devChain;

    @AfterAll
    static void stopDevChain() throws Exception {
        if (devChain != null) {
            devChain.close();
        }
    }

    private static HardhatDevChain devChain() throws Exception {
        if (devChain == null) {
            devChain = HardhatDevChain.start();
        }
        return devChain;
    }

    @BeforeEach
    void clusterCredentialsAreInThePortalsNamespace() {
        LiveCluster.credentialsAreInThePortalsNamespace(cluster);
    }

    @Test
    void rollingUpdatesTheRpcDeploymentThenTheValidatorsAndCompletes() throws Exception {
        String environment = uniqueEnvironment("live-ok");
        liveEnvironmentExists(environment, environment, "mock", LiveCluster.CREDENTIALS);

        try (ClusterController controller = ClusterController.runningChain(cluster, environment, "24.1.0")) {
            String id = deploy(environment, "{\"version\":\"24.2.0\",\"strategy\":\"rolling\"}");
            awaitStatus(id, "completed");

            assertEquals("hyperledger/besu:24.2.0", image(cluster, "Deployment", environment, "besu-rpc"));
            assertEquals("hyperledger/besu:24.2.0", image(cluster, "StatefulSet", environment, "besu-validator"));
            assertEquals(thenValidators("hyperledger/besu:24.2.0", "Deployment besu-rpc -> hyperledger/besu:24.2.0 x2"),
                    controller.rollouts());
            as("viewer").get("/api/deployments/{id}", id).then().body("dryRun", equalTo(false)).body("progress", equalTo(100));
            List<String> log = as("viewer").get("/api/deployments/{id}/logs?size=500", id).path("lines.message");
            assertTrue(log.contains("applied: Deployment " + environment + "/besu-rpc container 'besu' now runs hyperledger/besu:24.2.0"
                    + " (was hyperledger/besu:24.1.0)"),
                    String.join("\n", log));
            assertTrue(log.stream().anyMatch(line -> line.startsWith("rolled out: StatefulSet " + environment + "/besu-validator")));
            assertTrue(log.contains("healthy: all 5 pods in namespace " + environment + " are Ready"));
            assertTrue(log.contains("healthy: all 1 Services in namespace " + environment + " have endpoints"));
            assertFalse(log.stream().anyMatch(line -> line.contains("[dry run]")), "a live rollout applies, it does not only describe");
        }
    }

    @Test
    void validatorsAreReplacedOneAtATimeEachInSyncBeforeTheNextAndTheChainIsCheckedAtTheEnd() throws Exception {
        String environment = uniqueEnvironment("live-sync");
        String node = devChain().url();
        liveEnvironmentExists(environment, environment, "mock", LiveCluster.CREDENTIALS,
                "{\"besuRpc\": \"" + node + "\", \"validatorRpc\": \"" + node + "\"}");

        try (ClusterController controller = ClusterController.runningChain(cluster, environment, "24.1.0")) {
            String id = deploy(environment, "{\"version\":\"24.2.0\",\"strategy\":\"rolling\"}");
            awaitStatus(id, "completed");

            List<String> log = as("viewer").get("/api/deployments/{id}/logs?size=500", id).path("lines.message");
            List<String> walk = log.stream().filter(line -> line.contains("replacing pod") || line.startsWith("in sync: validator")).toList();
            assertEquals(6, walk.size(), String.join("\n", log));
            for (int i = 0; i < 3; i++) {
                String pod = "besu-validator-" + (2 - i);
                assertTrue(walk.get(2 * i).startsWith("applied: StatefulSet " + environment + "/besu-validator partition " + (2 - i)), walk.get(2 * i));
                assertTrue(walk.get(2 * i).endsWith(": replacing pod " + pod), walk.get(2 * i));
                assertTrue(walk.get(2 * i + 1).startsWith("in sync: validator " + pod + " (" + node + " answers: chain id 31337"), walk.get(2 * i + 1));
            }
            assertTrue(log.stream().anyMatch(line -> line.startsWith("healthy: JSON-RPC answers (")), String.join("\n", log));
        }
    }

    @Test
    void aValidatorThatDoesNotAnswerAfterItsReplacementStopsTheWalkThere() throws Exception {
        String environment = uniqueEnvironment("live-nosync");
        liveEnvironmentExists(environment, environment, "mock", LiveCluster.CREDENTIALS,
                "{\"validatorRpc\": \"http://127.0.0.1:" + HardhatDevChain.freePort() + "\"}");

        try (ClusterController controller = ClusterController.runningChain(cluster, environment, "24.1.0")) {
            String id = deploy(environment, "{\"version\":\"24.2.0\",\"strategy\":\"rolling\"}");
            awaitStatus(id, "failed");

            as("viewer").get("/api/deployments/{id}", id).then()
                    .body("currentStep", equalTo("roll StatefulSet besu-validator pod by pod"))
                    .body("error", containsString("Validator besu-validator-2 is not in sync after its replacement: JSON-RPC answers: "));
            assertEquals(List.of("Deployment besu-rpc -> hyperledger/besu:24.2.0 x2", "StatefulSet besu-validator pod 2 -> hyperledger/besu:24.2.0"),
                    controller.rollouts(), "validators 1 and 0 were never replaced");
        }
    }

    @Test
    void aRolloutThatNeverFinishesFailsTheDeploymentAtTheTimeoutAndChangesNothingAfterIt() throws Exception {
        String environment = uniqueEnvironment("live-stuck");
        liveEnvironmentExists(environment, environment, "mock", LiveCluster.CREDENTIALS);

        try (ClusterController controller = ClusterController.runningChain(cluster, environment, "24.1.0")) {
            controller.neverRollsOut("besu-rpc");
            String id = deploy(environment, "{\"version\":\"24.2.0\",\"strategy\":\"rolling\"}");
            awaitStatus(id, "failed");

            as("viewer").get("/api/deployments/{id}", id).then()
                    .body("currentStep", equalTo("await rollout of Deployment besu-rpc"))
                    .body("error", containsString("Deployment " + environment + "/besu-rpc did not roll out within 5s"));
            assertEquals("hyperledger/besu:24.2.0", image(cluster, "Deployment", environment, "besu-rpc"), "the new image was applied");
            assertEquals("hyperledger/besu:24.1.0", image(cluster, "StatefulSet", environment, "besu-validator"), "nothing after the stuck rollout");
            assertEquals(List.of(), controller.rollouts());
        }
    }

    @Test
    void aServiceWithoutEndpointsFailsTheHealthCheckAfterTheRollout() throws Exception {
        String environment = uniqueEnvironment("live-noep");
        liveEnvironmentExists(environment, environment, "mock", LiveCluster.CREDENTIALS);

        try (ClusterController controller = new ClusterController(cluster, environment)) {
            chainRunsVersion(cluster, environment, "24.1.0");
            cluster.services().inNamespace(environment).resource(new ServiceBuilder()
                    .withNewMetadata().withName("besu-ws").withNamespace(environment).endMetadata()
                    .withNewSpec().addToSelector("app", "besu-ws").addNewPort().withPort(8546).endPort().endSpec()
                    .build()).create();
            controller.settled(2);
            String id = deploy(environment, "{\"version\":\"24.2.0\",\"strategy\":\"rolling\"}");
            awaitStatus(id, "failed");

            as("viewer").get("/api/deployments/{id}", id).then()
                    .body("currentStep", equalTo("health-check " + environment))
                    .body("error", containsString("Services without endpoints in namespace " + environment + ": besu-ws"));
            assertEquals(thenValidators("hyperledger/besu:24.2.0", "Deployment besu-rpc -> hyperledger/besu:24.2.0 x2"),
                    controller.rollouts());
        }
    }

    @Test
    void aLongRolloutWaitKeepsItsLeaseAndAnAbortEndsItWithNothingAppliedAfter() throws Exception {
        String environment = uniqueEnvironment("live-abort");
        liveEnvironmentExists(environment, environment, "mock", LiveCluster.CREDENTIALS);

        try (ClusterController controller = new ClusterController(cluster, environment)) {
            String id = deploymentWaitingForBesuRpc(environment, controller);

            OffsetDateTime lease = leaseExpiry(id);
            pause(1000);
            assertTrue(leaseExpiry(id).isAfter(lease), "the lease is renewed while the rollout is awaited");

            as("operator").post("/api/deployments/{id}/abort", id).then().statusCode(200).body("status", equalTo("failed"));
            pause(5500);
            List<String> log = as("viewer").get("/api/deployments/{id}/logs?size=500", id).path("lines.message");
            assertTrue(log.get(log.size() - 1).startsWith("Aborted by test-operator"), "nothing ran after the abort: " + log);
            assertEquals("hyperledger/besu:24.1.0", image(cluster, "StatefulSet", environment, "besu-validator"));
        }
    }

    @Test
    void aRollbackDuringARollingUpdatePutsBackTheImageThatRanBeforeAndEndsRolledBack() throws Exception {
        String environment = uniqueEnvironment("live-revert");
        liveEnvironmentExists(environment, environment, "mock", LiveCluster.CREDENTIALS);

        try (ClusterController controller = new ClusterController(cluster, environment)) {
            String id = deploymentWaitingForBesuRpc(environment, controller);

            as("operator").post("/api/deployments/{id}/rollback", id).then()
                    .statusCode(202).body("status", equalTo("deploying")).body("rollingBack", equalTo(true));
            controller.rollsOutAgain("besu-rpc");
            awaitStatus(id, "rolled_back");

            List<String> log = as("viewer").get("/api/deployments/{id}/logs?size=500", id).path("lines.message");
            assertEquals("hyperledger/besu:24.1.0", image(cluster, "Deployment", environment, "besu-rpc"), String.join("\n", log));
            assertEquals("hyperledger/besu:24.1.0", image(cluster, "StatefulSet", environment, "besu-validator"));
            assertTrue(log.contains("applied: Deployment " + environment + "/besu-rpc container 'besu' back to hyperledger/besu:24.1.0"
                    + " (was hyperledger/besu:24.2.0)"), String.join("\n", log));
            assertTrue(log.contains("nothing to revert: StatefulSet " + environment + "/besu-validator was not changed by this rollout"));
            as("viewer").get("/api/deployments/{id}", id).then().body("error", containsString("Rollback requested by test-operator at step 2"));
        }
    }

    @Test
    void aDriverLostDuringARolloutWaitIsReplacedAndTheRolloutResumesAtItsStep() throws Exception {
        String environment = uniqueEnvironment("live-resume");
        liveEnvironmentExists(environment, environment, "mock", LiveCluster.CREDENTIALS);

        try (ClusterController controller = new ClusterController(cluster, environment)) {
            String id = deploymentWaitingForBesuRpc(environment, controller);

            driverCrashed(id);
            controller.rollsOutAgain("besu-rpc");
            awaitStatus(id, "completed");

            List<String> log = as("viewer").get("/api/deployments/{id}/logs?size=500", id).path("lines.message");
            assertTrue(log.stream().anyMatch(line -> line.startsWith("Resumed at step 2 of")), String.join("\n", log));
            assertEquals(thenValidators("hyperledger/besu:24.2.0", "Deployment besu-rpc -> hyperledger/besu:24.2.0 x2"),
                    controller.rollouts());
        }
    }

    @Test
    void credentialsThatAreNotThereFailTheDeploymentNamingTheSecret() throws Exception {
        String environment = uniqueEnvironment("live-nocred");
        liveEnvironmentExists(environment, environment, "mock", "no-such-secret");

        try (ClusterController controller = ClusterController.runningChain(cluster, environment, "24.1.0")) {
            String id = deploy(environment, "{\"version\":\"24.2.0\",\"strategy\":\"rolling\"}");
            awaitStatus(id, "failed");

            as("viewer").get("/api/deployments/{id}", id).then()
                    .body("currentStep", equalTo("update Deployment besu-rpc"))
                    .body("error", containsString("/no-such-secret with key 'kubeconfig' not found: the credentials of environment '"
                            + environment + "'"));
            assertEquals("hyperledger/besu:24.1.0", image(cluster, "Deployment", environment, "besu-rpc"));
        }
    }

    /** What a replica that died mid-rollout leaves: a lease held by someone else, expired. */
    private static void driverCrashed(String id) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database(), "portal", "portal");
             PreparedStatement crash = db.prepareStatement(
                     "update deployment set lease_owner = 'crashed-replica', lease_expires_at = now() - interval '1 second' where id = ?")) {
            crash.setObject(1, UUID.fromString(id));
            assertEquals(1, crash.executeUpdate());
        }
    }

    private static String database() {
        return ConfigProvider.getConfig().getValue("portal.db", String.class);
    }

    private static OffsetDateTime leaseExpiry(String id) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database(), "portal", "portal");
             PreparedStatement query = db.prepareStatement("select lease_expires_at from deployment where id = ?")) {
            query.setObject(1, UUID.fromString(id));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getObject(1, OffsetDateTime.class);
            }
        }
    }

    /** A live rolling deployment of 24.2.0 from 24.1.0, waiting for a besu-rpc rollout that does not come. */
    private String deploymentWaitingForBesuRpc(String environment, ClusterController controller) throws Exception {
        chainRunsVersion(cluster, environment, "24.1.0");
        controller.settled(2);
        controller.neverRollsOut("besu-rpc");
        String id = deploy(environment, "{\"version\":\"24.2.0\",\"strategy\":\"rolling\"}");
        awaitUntil(() -> "await rollout of Deployment besu-rpc".equals(as("viewer").get("/api/deployments/{id}", id).path("currentStep")),
                "the rollout wait of besu-rpc");
        return id;
    }
}
