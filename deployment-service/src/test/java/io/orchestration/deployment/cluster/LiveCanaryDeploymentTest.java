package io.orchestration.deployment.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.orchestration.deployment.analysis.CanaryTarget;
import io.orchestration.deployment.analysis.PrometheusClient;
import io.orchestration.deployment.analysis.PrometheusScrapes;
import io.orchestration.deployment.analysis.PrometheusServer;
import io.orchestration.deployment.support.LiveCluster;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.orchestration.deployment.cluster.ClusterController.thenValidators;
import static io.orchestration.deployment.support.DeploymentApi.as;
import static io.orchestration.deployment.support.DeploymentApi.awaitStatus;
import static io.orchestration.deployment.support.DeploymentApi.awaitUntil;
import static io.orchestration.deployment.support.DeploymentApi.deploy;
import static io.orchestration.deployment.support.DeploymentApi.liveEnvironmentExists;
import static io.orchestration.deployment.support.DeploymentApi.uniqueEnvironment;
import static io.orchestration.deployment.support.LiveCluster.chainRunsVersion;
import static io.orchestration.deployment.support.LiveCluster.image;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Canary deployments applied to a live cluster (fabric8's mock API server, a test controller playing Kubernetes) with
 * Istio routing, gated at every step by the canary's error rate from a real Prometheus that scrapes a target whose
 * request and error counters the test controls.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class LiveCanaryDeploymentTest {

    private static final String CANARY = """
            {"version": "24.2.0", "strategy": "canary", "options": {"canarySteps": [25, 50, 100], "pauseSeconds": 3, "maxErrorRate": 0.05}}""";
    private static final ResourceDefinitionContext VIRTUAL_SERVICE = new ResourceDefinitionContext.Builder()
            .withGroup("networking.istio.io").withVersion("v1").withKind("VirtualService").withPlural("virtualservices").withNamespaced(true).build();
    private static final ResourceDefinitionContext DESTINATION_RULE = new ResourceDefinitionContext.Builder()
            .withGroup("networking.istio.io").withVersion("v1").withKind("DestinationRule").withPlural("destinationrules").withNamespaced(true).build();

    private static CanaryTarget target;
    private static PrometheusServer prometheus;

    @Inject
    KubernetesClient cluster;

    @BeforeEach
    void clusterCredentialsAndPrometheus() throws Exception {
        LiveCluster.credentialsAreInThePortalsNamespace(cluster);
        if (prometheus == null) {
            target = CanaryTarget.start();
            prometheus = PrometheusServer.scraping(target.metricsUrl());
        }
    }

    @AfterAll
    static void stopPrometheus() throws Exception {
        if (prometheus != null) {
            prometheus.close();
            target.close();
        }
    }

    @Test
    void aHealthyCanaryWalksEveryWeightAndIsPromoted() throws Exception {
        String environment = canaryEnvironment("canary-ok");
        canaryTrafficIsMonitored(environment);

        try (ClusterController controller = ClusterController.runningChain(cluster, environment, "24.1.0")) {
            String id = deploy(environment, CANARY);
            awaitStatus(id, "completed");

            assertEquals("hyperledger/besu:24.2.0", image(cluster, "Deployment", environment, "besu-rpc"));
            assertNull(cluster.apps().deployments().inNamespace(environment).withName("besu-rpc-canary").get(), "the canary is removed");
            assertEquals(List.of(route("stable", 100), route("canary", 0)), routes(environment));
            assertEquals(List.of(Map.of("name", "stable", "labels", Map.of("track", "stable")),
                    Map.of("name", "canary", "labels", Map.of("track", "canary"))), spec(DESTINATION_RULE, environment).get("subsets"));
            assertEquals(thenValidators("hyperledger/besu:24.2.0", "Deployment besu-rpc-canary -> hyperledger/besu:24.2.0 x1", "Deployment besu-rpc -> hyperledger/besu:24.2.0 x2"), controller.rollouts());
            List<String> log = logOf(id);
            assertEquals(3, log.stream().filter(line -> line.startsWith("analysis passed: the error rate of the canary of "
                    + environment + "/besu-rpc is 0.00%")).count(), String.join("\n", log));
            assertTrue(log.contains("applied: VirtualService " + environment + "/besu-rpc route weights stable 50, canary 50"));
        }
    }

    @Test
    void aCanaryThatStartsFailingIsRolledBackAtTheStepWhereItFailed() throws Exception {
        String environment = canaryEnvironment("canary-bad");
        canaryTrafficIsMonitored(environment);

        try (ClusterController controller = ClusterController.runningChain(cluster, environment, "24.1.0")) {
            String id = deploy(environment, CANARY);
            awaitUntil(() -> "shift 50% to canary of besu-rpc".equals(as("viewer").get("/api/deployments/{id}", id).path("currentStep")),
                    "the canary's second step");
            target.serve(environment, "besu-rpc", 0, 20);
            awaitStatus(id, "rolled_back");

            as("viewer").get("/api/deployments/{id}", id).then()
                    .body("error", containsString("Step 'shift 50% to canary of besu-rpc' failed: canary analysis rejected the canary:"))
                    .body("error", containsString("above the threshold 5.00%"));
            assertEquals("hyperledger/besu:24.1.0", image(cluster, "Deployment", environment, "besu-rpc"), "stable never changed");
            assertNull(cluster.apps().deployments().inNamespace(environment).withName("besu-rpc-canary").get());
            assertEquals(List.of(route("stable", 100), route("canary", 0)), routes(environment));
            List<String> log = logOf(id);
            assertEquals(1, log.stream().filter(line -> line.startsWith("analysis passed")).count(), String.join("\n", log));
            assertEquals("hyperledger/besu:24.1.0", image(cluster, "StatefulSet", environment, "besu-validator"));
        }
    }

    @Test
    void aStableWorkloadWithoutTrackLabelsIsRefusedBeforeAnyCanaryExists() throws Exception {
        String environment = canaryEnvironment("canary-nolabel");
        chainRunsVersion(cluster, environment, "24.1.0");
        cluster.apps().deployments().inNamespace(environment).withName("besu-rpc").edit(d -> {
            d.getSpec().getTemplate().getMetadata().getLabels().remove("track");
            return d;
        });
        try (ClusterController controller = new ClusterController(cluster, environment)) {
            controller.settled(2);
            String id = deploy(environment, CANARY);
            awaitStatus(id, "rolled_back");

            as("viewer").get("/api/deployments/{id}", id).then().body("error", containsString(
                    "The pods of Deployment " + environment + "/besu-rpc carry no label track=stable"));
            assertNull(cluster.apps().deployments().inNamespace(environment).withName("besu-rpc-canary").get());
            assertNull(cluster.genericKubernetesResources(VIRTUAL_SERVICE).inNamespace(environment).withName("besu-rpc").get(),
                    "no traffic was ever routed");
            assertEquals(List.of(), controller.rollouts(), "nothing was changed");
        }
    }

    private String canaryEnvironment(String prefix) throws Exception {
        String environment = uniqueEnvironment(prefix);
        liveEnvironmentExists(environment, environment, "mock", LiveCluster.CREDENTIALS, "{\"prometheus\": \"" + prometheus.url() + "\"}");
        return environment;
    }

    /** The canary's requests are counted, and Prometheus has scraped them often enough for rate() to have a value. */
    private static void canaryTrafficIsMonitored(String environment) throws InterruptedException {
        target.serve(environment, "besu-rpc", 20, 0);
        PrometheusScrapes.await(new PrometheusClient(Duration.ofSeconds(5)), prometheus.url(), environment, "besu-rpc", 3);
    }

    private static Map<String, Object> route(String subset, int weight) {
        return Map.of("destination", Map.of("host", "besu-rpc", "subset", subset), "weight", weight);
    }

    @SuppressWarnings("unchecked")
    private List<Object> routes(String environment) {
        List<Object> http = (List<Object>) spec(VIRTUAL_SERVICE, environment).get("http");
        return (List<Object>) ((Map<String, Object>) http.get(0)).get("route");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> spec(ResourceDefinitionContext kind, String environment) {
        GenericKubernetesResource resource = cluster.genericKubernetesResources(kind).inNamespace(environment).withName("besu-rpc").get();
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }

    private static List<String> logOf(String id) {
        return as("viewer").get("/api/deployments/{id}/logs?size=500", id).path("lines.message");
    }
}
