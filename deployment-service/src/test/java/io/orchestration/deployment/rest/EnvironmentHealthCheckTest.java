package io.orchestration.deployment.rest;

import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.orchestration.deployment.support.LiveCluster;
import io.orchestration.testing.CloudEventPublisher;
import io.orchestration.testing.HardhatDevChain;
import io.orchestration.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Health checks of an environment's chain against a real Ethereum JSON-RPC node (hardhat 2, a block
 * every second), with environments arriving as events on Kafka: a healthy chain, a stalled one, a
 * node that is down or hangs, and requests the endpoint refuses. Live environments' Kubernetes checks run against
 * fabric8's mock API server.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class EnvironmentHealthCheckTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String CHAIN = "hc-chain-" + RUN;
    private static final String DOWN = "hc-down-" + RUN;
    private static final String HANGING = "hc-hang-" + RUN;
    private static final String NO_RPC = "hc-norpc-" + RUN;
    private static final String LIVE = "hc-live-" + RUN;
    private static final String NO_CREDENTIALS = "hc-nocred-" + RUN;
    private static final String CLUSTER_NAMESPACE = "chain-" + RUN;

    @Inject
    KubernetesClient cluster;

    private static HardhatDevChain devChain;
    // Accepts connections (the kernel completes the handshake) and never answers: a hung node.
    private static ServerSocket hungNode;

    /** Once per class, after Quarkus has started (a static @BeforeAll would run before the application). */
    @BeforeEach
    void chainAndEnvironmentsAreUp() throws Exception {
        if (devChain != null) {
            return;
        }
        devChain = HardhatDevChain.start();
        hungNode = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        String nothingListening = "http://127.0.0.1:" + HardhatDevChain.freePort();
        try (CloudEventPublisher kafka = new CloudEventPublisher()) {
            publish(kafka, CHAIN, environment(CHAIN, true, "{\"besuRpc\": \"" + devChain.url() + "\", \"cacti\": null}"));
            publish(kafka, DOWN, environment(DOWN, true, "{\"besuRpc\": \"" + nothingListening + "\"}"));
            publish(kafka, HANGING, environment(HANGING, true, "{\"besuRpc\": \"http://127.0.0.1:" + hungNode.getLocalPort() + "\"}"));
            publish(kafka, NO_RPC, environment(NO_RPC, true, "{\"cacti\": \"http://127.0.0.1:4000\"}"));
            publish(kafka, LIVE, environment(LIVE, false, "{\"besuRpc\": \"" + devChain.url() + "\"}")
                    .replace("{\"namespace\": \"chain\"}", "{\"namespace\": \"" + CLUSTER_NAMESPACE + "\", \"credentialsSecret\": \""
                            + LiveCluster.CREDENTIALS + "\"}"));
            publish(kafka, NO_CREDENTIALS, environment(NO_CREDENTIALS, false, "{\"besuRpc\": \"" + devChain.url() + "\"}"));
        }
        LiveCluster.credentialsAreInThePortalsNamespace(cluster);
        for (String name : List.of(CHAIN, DOWN, HANGING, NO_RPC, LIVE, NO_CREDENTIALS)) {
            awaitKnown(name);
        }
    }

    @AfterAll
    static void stopChain() throws Exception {
        if (devChain != null) {
            devChain.close();
        }
        if (hungNode != null) {
            hungNode.close();
        }
    }

    @Test
    void healthyDevChainPassesEveryChainCheckAndSkipsClusterChecksInDryRun() {
        ValidatableResponse report = healthCheck(CHAIN, "green").then()
                .statusCode(200)
                .body("environment", equalTo(CHAIN))
                .body("color", equalTo("green"))
                .body("healthy", equalTo(true))
                .body("checkedAt", notNullValue());
        assertCheck(report, "JSON-RPC answers", true).body(detailOf("JSON-RPC answers"), containsString("chain id 31337"));
        assertCheck(report, "block number advancing", true);
        assertCheck(report, "validators in sync", true);
        assertCheck(report, "peers connected", true).body(detailOf("peers connected"), equalTo("0 peers (minimum 0)"));
        report.body(skippedOf("pods ready (green)"), equalTo(true))
                .body(detailOf("pods ready (green)"), equalTo("dry run: no cluster credentials"))
                .body(skippedOf("Service endpoints present (green)"), equalTo(true))
                .body(detailOf("Service endpoints present (green)"), equalTo("dry run: no cluster credentials"));
    }

    @Test
    void chainWhoseMiningStoppedFailsBlockNumberAdvancing() throws Exception {
        devChain.setIntervalMining(0);
        try {
            ValidatableResponse report = healthCheck(CHAIN, null).then()
                    .statusCode(200)
                    .body("healthy", equalTo(false))
                    .body("color", equalTo(null));
            assertCheck(report, "JSON-RPC answers", true);
            assertCheck(report, "block number advancing", false)
                    .body(detailOf("block number advancing"), startsWith("block number stayed at "));
            assertCheck(report, "validators in sync", true);
        } finally {
            devChain.setIntervalMining(1000);
        }
    }

    @Test
    void nodeThatIsDownFailsAnswersWithTheReasonAndSkipsTheRest() {
        ValidatableResponse report = healthCheck(DOWN, "blue").then()
                .statusCode(200)
                .body("healthy", equalTo(false));
        assertCheck(report, "JSON-RPC answers", false)
                .body(detailOf("JSON-RPC answers"), containsString("does not answer: ConnectException"));
        report.body(skippedOf("block number advancing"), equalTo(true))
                .body(detailOf("block number advancing"), equalTo("not checked: the node does not answer"));
    }

    @Test
    void nodeThatHangsFailsAnswersAfterTheTimeout() {
        long started = System.nanoTime();
        ValidatableResponse report = healthCheck(HANGING, null).then()
                .statusCode(200)
                .body("healthy", equalTo(false));
        assertCheck(report, "JSON-RPC answers", false)
                .body(detailOf("JSON-RPC answers"), containsString("does not answer: no answer within 2s"));
        long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        if (tookMillis > 10_000) {
            throw new AssertionError("a hung node should fail after the 2s timeout, took " + tookMillis + " ms");
        }
    }

    @Test
    void liveEnvironmentIsCheckedOnItsClusterAllPodsOrOneColourOfThem() {
        cluster.pods().inNamespace(CLUSTER_NAMESPACE).resource(pod("besu-rpc-green-0", "green", true)).createOr(p -> p.update());
        cluster.pods().inNamespace(CLUSTER_NAMESPACE).resource(pod("besu-rpc-blue-0", "blue", false)).createOr(p -> p.update());
        cluster.services().inNamespace(CLUSTER_NAMESPACE).resource(new ServiceBuilder().withNewMetadata().withName("besu-rpc").endMetadata()
                .withNewSpec().addToSelector("app", "besu-rpc").addToSelector("color", "green").endSpec().build()).createOr(s -> s.update());
        cluster.endpoints().inNamespace(CLUSTER_NAMESPACE).resource(new EndpointsBuilder().withNewMetadata().withName("besu-rpc").endMetadata()
                .addNewSubset().addNewAddress().withIp("10.1.0.5").endAddress().endSubset().build()).createOr(e -> e.update());

        ValidatableResponse green = healthCheck(LIVE, "green").then().statusCode(200).body("healthy", equalTo(true));
        assertCheck(green, "pods ready (green)", true).body(detailOf("pods ready (green)"),
                equalTo("healthy: all 1 pods in namespace " + CLUSTER_NAMESPACE + " with labels {color=green} are Ready"));
        assertCheck(green, "Service endpoints present (green)", true);

        ValidatableResponse blue = healthCheck(LIVE, "blue").then().statusCode(200).body("healthy", equalTo(false));
        assertCheck(blue, "pods ready (blue)", false).body(detailOf("pods ready (blue)"),
                equalTo("Pods not Ready in namespace " + CLUSTER_NAMESPACE + " with labels {color=blue}: besu-rpc-blue-0"));

        assertCheck(healthCheck(LIVE, null).then().statusCode(200).body("healthy", equalTo(false)), "pods ready", false);
    }

    @Test
    void liveEnvironmentWhoseCredentialsAreMissingFailsItsClusterChecksSayingWhy() {
        ValidatableResponse report = healthCheck(NO_CREDENTIALS, null).then().statusCode(200).body("healthy", equalTo(false));
        assertCheck(report, "pods ready", false).body(detailOf("pods ready"), equalTo("the cluster could not be reached: Environment '"
                + NO_CREDENTIALS + "' names no credentialsSecret for its cluster"));
        assertCheck(report, "JSON-RPC answers", true);
    }

    private static Pod pod(String name, String colour, boolean ready) {
        return new PodBuilder().withNewMetadata().withName(name).addToLabels("app", "besu-rpc").addToLabels("color", colour).endMetadata()
                .withNewSpec().addNewContainer().withName("besu").withImage("hyperledger/besu:24.1.0").endContainer().endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().endStatus().build();
    }

    @Test
    void environmentWithoutRpcEndpointIsUnprocessable() {
        as("operator").post("/api/environments/{name}/health-check", NO_RPC).then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("has no besuRpc endpoint"));
    }

    @Test
    void unknownEnvironmentIsNotFound() {
        as("operator").post("/api/environments/{name}/health-check", "no-such-environment-" + RUN).then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void colorOtherThanBlueOrGreenIsABadRequest() {
        as("operator").post("/api/environments/{name}/health-check?color=purple", CHAIN).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("'color' must be blue or green"));
    }

    @Test
    void onlyOperatorsRunHealthChecks() {
        as("viewer").post("/api/environments/{name}/health-check", CHAIN).then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().post("/api/environments/{name}/health-check", CHAIN).then()
                .statusCode(401);
    }

    private static io.restassured.response.Response healthCheck(String environment, String color) {
        RequestSpecification request = as("operator");
        if (color != null) {
            request.queryParam("color", color);
        }
        return request.post("/api/environments/{name}/health-check", environment);
    }

    private static ValidatableResponse assertCheck(ValidatableResponse report, String name, boolean passed) {
        return report.body("checks.find { it.name == '" + name + "' }.passed", equalTo(passed))
                .body("checks.find { it.name == '" + name + "' }.skipped", equalTo(false));
    }

    private static String detailOf(String name) {
        return "checks.find { it.name == '" + name + "' }.detail";
    }

    private static String skippedOf(String name) {
        return "checks.find { it.name == '" + name + "' }.skipped";
    }

    private static RequestSpecification as(String role) {
        return given().header("Authorization", "Bearer " + TestTokens.forRole(role));
    }

    private static void publish(CloudEventPublisher kafka, String name, String data) throws Exception {
        kafka.publish(Topics.ENVIRONMENT, name, EventTypes.ENVIRONMENT_CREATED, name, data);
    }

    private static void awaitKnown(String environment) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (as("viewer").get("/api/environments/{name}/status", environment).statusCode() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Environment " + environment + " never arrived from environment-events");
    }

    private static String environment(String name, boolean dryRun, String endpoints) {
        return """
                {"name": "%s", "provider": "onprem", "type": "hci", "enabled": true, "dryRun": %s,
                 "cluster": {"namespace": "chain"},
                 "components": {"besu-rpc": true, "besu-validator": true},
                 "endpoints": %s}""".formatted(name, dryRun, endpoints);
    }
}
