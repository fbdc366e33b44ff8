package io.orchestration.deployment.support;

import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.testing.CloudEventPublisher;
import io.orchestration.testing.TestTokens;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** The deployment API as a test drives it, and the environments it needs, sent as real events. */
public final class DeploymentApi {

    private DeploymentApi() {
    }

    public static RequestSpecification as(String role) {
        return given().header("Authorization", "Bearer " + TestTokens.forRole(role));
    }

    /** A name no other test run uses. */
    public static String uniqueEnvironment(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Announces an environment on environment-events, as environment-service would, and waits
     * until this service has projected it.
     */
    public static void environmentExists(String name, boolean enabled, boolean dryRun) throws Exception {
        environmentExists(name, enabled, dryRun, "{}");
    }

    /** As {@link #environmentExists(String, boolean, boolean)}, with its endpoints (a JSON object, e.g. besuRpc). */
    public static void environmentExists(String name, boolean enabled, boolean dryRun, String endpoints) throws Exception {
        try (CloudEventPublisher kafka = new CloudEventPublisher()) {
            kafka.publish(Topics.ENVIRONMENT, name, EventTypes.ENVIRONMENT_CREATED, name, """
                    {"name": "%s", "provider": "gcp", "type": "cloud", "enabled": %s, "dryRun": %s,
                     "cluster": {"namespace": "chain"}, "endpoints": %s,
                     "components": {"besu-rpc": true, "besu-validator": true, "firefly": false}}""".formatted(name, enabled, dryRun, endpoints));
        }
        awaitUntil(() -> as("viewer").get("/api/environments/{name}/status", name).statusCode() == 200,
                "environment " + name + " to arrive from environment-events");
    }

    /**
     * Announces a live environment (credentials, not a dry run) whose cluster is reached with the kubeconfig in
     * the Secret {@code credentialsSecret}, and waits until this service has projected it.
     */
    public static void liveEnvironmentExists(String name, String namespace, String context, String credentialsSecret) throws Exception {
        liveEnvironmentExists(name, namespace, context, credentialsSecret, "{}");
    }

    /** As {@link #liveEnvironmentExists(String, String, String, String)}, with its endpoints (a JSON object, e.g. prometheus). */
    public static void liveEnvironmentExists(String name, String namespace, String context, String credentialsSecret,
                                             String endpoints) throws Exception {
        try (CloudEventPublisher kafka = new CloudEventPublisher()) {
            kafka.publish(Topics.ENVIRONMENT, name, EventTypes.ENVIRONMENT_CREATED, name, """
                    {"name": "%s", "provider": "gcp", "type": "cloud", "enabled": true, "dryRun": false,
                     "cluster": {"apiServer": "https://cluster.invalid", "context": "%s", "namespace": "%s", "credentialsSecret": "%s"},
                     "endpoints": %s,
                     "components": {"besu-rpc": true, "besu-validator": true, "firefly": false}}"""
                    .formatted(name, context, namespace, credentialsSecret, endpoints));
        }
        awaitUntil(() -> as("viewer").get("/api/environments/{name}/status", name).statusCode() == 200,
                "environment " + name + " to arrive from environment-events");
    }

    public static String deploy(String environment, String body) {
        return as("operator").contentType("application/json").body(body)
                .post("/api/environments/{name}/deploy", environment)
                .then().statusCode(202).extract().path("id");
    }

    public static String statusOf(String id) {
        return as("viewer").get("/api/deployments/{id}", id).path("status");
    }

    public static void awaitStatus(String id, String wanted) {
        awaitUntil(() -> wanted.equals(statusOf(id)), "deployment " + id + " to be " + wanted);
    }

    public static void awaitUntil(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            pause(100);
        }
        throw new AssertionError("Timed out waiting for " + what);
    }

    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
