package io.orchestration.monitoring.collector;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.orchestration.testing.MockClusterKubeconfig;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.orchestration.monitoring.support.MonitoringApi.announce;
import static io.orchestration.monitoring.support.MonitoringApi.as;
import static io.orchestration.monitoring.support.MonitoringApi.collect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cluster health through the fabric8 client against the Kubernetes mock API server (CRUD mode): nodes
 * and pods ready and not, uptime, utilisation where metrics.k8s.io serves it; and an environment
 * without cluster credentials says so.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ClusterHealthTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String WITH_CREDENTIALS = "cluster-" + RUN;
    private static final String WITHOUT_CREDENTIALS = "cluster-nocreds-" + RUN;
    private static final String NAMESPACE = "chain-" + RUN;
    private static boolean prepared;

    @Inject
    KubernetesClient cluster;

    @BeforeEach
    void clusterHasNodesPodsAndCredentials() throws Exception {
        if (prepared) {
            return;
        }
        prepared = true;
        cluster.secrets().resource(new SecretBuilder().withNewMetadata().withName("cluster-credentials").endMetadata()
                .withData(Map.of("kubeconfig", MockClusterKubeconfig.secretValueFor(cluster.getMasterUrl().toString())))
                .build()).createOr(existing -> existing.update());
        String twoHoursAgo = Instant.now().minus(Duration.ofHours(2)).toString();
        node("node-a-" + RUN, "True", twoHoursAgo);
        node("node-b-" + RUN, "False", Instant.now().toString());
        pod(NAMESPACE, "besu-0", "True");
        pod(NAMESPACE, "besu-1", "True");
        pod(NAMESPACE, "cacti-0", "False");
        pod("elsewhere-" + RUN, "other-0", "False");
        announce(WITH_CREDENTIALS, Map.of(), "{\"namespace\": \"" + NAMESPACE + "\", \"context\": \"mock\", \"credentialsSecret\": \"cluster-credentials\"}");
        announce(WITHOUT_CREDENTIALS, Map.of(), "{\"apiServer\": \"https://k8s.example.internal:6443\", \"namespace\": \"chain\"}");
    }

    @Test
    void nodesAndPodsReadyAndNotUptimeAndAPodNotReadyDegrades() {
        JsonPath reading = clusterOf(WITH_CREDENTIALS);
        assertEquals("up", reading.getString("state"));
        assertEquals(2.0, reading.getDouble("values.nodes"));
        assertEquals(1.0, reading.getDouble("values.nodesReady"));
        assertEquals(3.0, reading.getDouble("values.pods"), "only the environment's namespace");
        assertEquals(2.0, reading.getDouble("values.podsReady"));
        assertEquals(1.0, reading.getDouble("values.podsNotReady"));
        double uptime = reading.getDouble("values.uptimeSeconds");
        assertTrue(uptime >= 7_190 && uptime < 7_300, "ready since two hours: " + uptime);
        assertEquals("degraded", reading.getString("health"));
        assertEquals(List.of("1 pod(s) not ready"), reading.getList("reasons"));
        assertTrue(reading.getString("facts.utilisation").startsWith("metrics.k8s.io"), reading.getString("facts.utilisation"));
    }

    @Test
    void environmentWithoutClusterCredentialsSaysSoInsteadOfZeros() {
        JsonPath reading = clusterOf(WITHOUT_CREDENTIALS);
        assertEquals("not-configured", reading.getString("state"));
        assertEquals("unknown", reading.getString("health"));
        assertEquals("no cluster credentials: the catalogue names no cluster.credentialsSecret", reading.getString("error"));
        assertEquals(Map.of(), reading.getMap("values"));
        as("viewer").get("/api/monitoring/cluster").then().statusCode(200);
    }

    private void node(String name, String ready, String since) {
        cluster.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready).withLastTransitionTime(since).endCondition()
                .addToAllocatable("cpu", new io.fabric8.kubernetes.api.model.Quantity("4"))
                .addToAllocatable("memory", new io.fabric8.kubernetes.api.model.Quantity("16Gi")).endStatus().build()).create();
    }

    private void pod(String namespace, String name, String ready) {
        cluster.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus(ready).endCondition().endStatus()
                .build()).create();
    }

    private static JsonPath clusterOf(String environment) {
        String health = collect(environment).then().statusCode(200).extract().asString();
        return new JsonPath(health).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE))
                .setRootPath("services.find { it.serviceType == 'cluster' }");
    }
}
