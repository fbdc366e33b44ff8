package io.orchestration.systemtests;

import io.orchestration.testing.TestTokens;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/** Calls straight to one running service (not through the gateway) with a test token of a role. */
final class ServiceCalls {

    static final Duration TIMEOUT = Duration.ofSeconds(15);
    /**
     * How long a packaged service may take to become ready: about 5 s on an idle machine, but 101 s was seen on the
     * shared 2-core machine with a load average above 40 (several developers' builds and tests at once).
     */
    static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceCalls() {
    }

    /** Copies a key of the testing module's test key pair (test-keys/{name}) into {@code directory}. */
    static Path testKey(Path directory, String name) throws IOException {
        Path copy = directory.resolve(name);
        try (InputStream key = ServiceCalls.class.getClassLoader().getResourceAsStream("test-keys/" + name)) {
            Files.copy(key, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }

    static HttpResponse<String> send(RunningService service, String method, String path, String role, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + TestTokens.forRole(role))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Starts a deployment of a new version; returns its id. */
    static String deploy(RunningService service, String environment, String strategy) throws Exception {
        HttpResponse<String> accepted = send(service, "POST", "/api/environments/" + environment + "/deploy", "operator",
                "{\"version\":\"3.0." + System.nanoTime() % 100_000 + "\",\"strategy\":\"" + strategy + "\"}");
        if (accepted.statusCode() != 202) {
            throw new AssertionError("deploy to " + environment + " answered " + accepted.statusCode() + ": " + accepted.body());
        }
        return new JsonObject(accepted.body()).getString("id");
    }

    /** Waits until the deployment is neither queued nor deploying; returns its final view. */
    static JsonObject awaitEnd(RunningService service, String id, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> view = send(service, "GET", "/api/deployments/" + id, "viewer", null);
            if (view.statusCode() == 200) {
                JsonObject deployment = new JsonObject(view.body());
                if (!List.of("queued", "deploying").contains(deployment.getString("status"))) {
                    return deployment;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("deployment " + id + " did not end within " + timeout);
    }

    /** Waits until deployment-service knows the environment and nothing is deploying there. */
    static void awaitDeployable(RunningService service, String environment, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> status = send(service, "GET", "/api/environments/" + environment + "/status", "viewer", null);
            if (status.statusCode() == 200 && new JsonObject(status.body()).getValue("active") == null) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(environment + " never became deployable on " + service.uri("/"));
    }
}
