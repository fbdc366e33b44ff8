package io.orchestration.monitoring.support;

import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.testing.CloudEventPublisher;
import io.orchestration.testing.TestTokens;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;

/** The monitoring API as each role calls it, and environments announced on environment-events as environment-service would. */
public final class MonitoringApi {

    private MonitoringApi() {
    }

    public static RequestSpecification as(String role) {
        return given().header("Authorization", TestTokens.bearer(TestTokens.forRole(role)));
    }

    public static Response collect(String environment) {
        return as("operator").post("/api/monitoring/environments/{name}/collect", environment);
    }

    /** Announces an enabled environment with these endpoints and waits until monitoring knows it. */
    public static void announce(String environment, Map<String, String> endpoints) throws Exception {
        announce(environment, endpoints, "{}");
    }

    /** The same with a cluster object ({@code {"namespace": ..., "credentialsSecret": ...}}) as JSON. */
    public static void announce(String environment, Map<String, String> endpoints, String clusterJson) throws Exception {
        String json = endpoints.entrySet().stream()
                .map(entry -> "\"" + entry.getKey() + "\": \"" + entry.getValue() + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
        String data = """
                {"name": "%s", "provider": "onprem", "type": "hci", "enabled": true, "dryRun": true,
                 "cluster": %s, "components": {"besu-rpc": true}, "endpoints": %s}""".formatted(environment, clusterJson, json);
        try (CloudEventPublisher kafka = new CloudEventPublisher()) {
            kafka.publish(Topics.ENVIRONMENT, environment, EventTypes.ENVIRONMENT_CREATED, environment, data);
        }
        // The first test of a run reads the whole environment-events history first (a new consumer group each run).
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (as("viewer").get("/api/monitoring/environments/{name}/health", environment).statusCode() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Environment " + environment + " never arrived from environment-events");
    }
}
