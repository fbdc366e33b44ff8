package io.orchestration.gateway.live;

import io.orchestration.common.events.Topics;
import io.orchestration.common.security.RevokedTokens;
import io.orchestration.testing.CloudEventPublisher;
import io.orchestration.testing.LiveClient;
import io.orchestration.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Events on the real Kafka topics reach the WebSocket clients allowed to see them. */
@QuarkusTest
class LiveUpdatesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/ws")
    URI ws;

    @Inject
    LiveConnections liveConnections;

    @Inject
    RevokedTokens revokedTokens;

    private static CloudEventPublisher kafka;
    private static boolean gatewayListening;

    @BeforeAll
    static void connectToKafka() {
        kafka = new CloudEventPublisher();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void environmentEventReachesAViewerAsEnvironmentUpdated() throws Exception {
        String name = "env-" + UUID.randomUUID();
        try (LiveClient viewer = LiveClient.connect(wsUri(), TestTokens.forRole("viewer"))) {
            awaitGatewayListening();
            String id = kafka.publish(Topics.ENVIRONMENT, name, "io.orchestration.environment.enabled-changed", name,
                    "{\"name\":\"" + name + "\",\"enabled\":false}");

            JsonObject message = new JsonObject(viewer.awaitMessage(text -> text.contains(id), WAIT));
            assertEquals("environment-updated", message.getString("type"));
            assertEquals(name, message.getJsonObject("data").getString("name"));
            assertFalse(message.getJsonObject("data").getBoolean("enabled"));
            assertEquals("io.orchestration.environment.enabled-changed", message.getString("event"));
            assertEquals(name, message.getString("subject"));
            assertTrue(message.containsKey("time"));
        }
    }

    @Test
    void browserStyleTokenInTheSubprotocolIsAccepted() throws Exception {
        String name = "env-" + UUID.randomUUID();
        try (LiveClient browser = LiveClient.connectLikeBrowser(wsUri(), TestTokens.forRole("viewer"))) {
            awaitGatewayListening();
            String id = kafka.publish(Topics.DEPLOYMENT, name, "io.orchestration.deployment.completed", name, "{}");
            assertTrue(browser.awaitMessage(text -> text.contains(id), WAIT).contains("\"type\":\"deployment-updated\""));
        }
    }

    @Test
    void connectionWithoutValidTokenIsRefused() {
        assertThrows(CompletionException.class, () -> LiveClient.connect(wsUri(), null).close());
        assertThrows(CompletionException.class, () -> LiveClient.connect(wsUri(), TestTokens.expired("viewer")).close());
        assertThrows(CompletionException.class, () -> LiveClient.connect(wsUri(), TestTokens.wronglySigned("admin")).close());
    }

    @Test
    void adminRoomMessagesReachAdminsOnly() throws Exception {
        String subject = "besu-" + UUID.randomUUID();
        try (LiveClient admin = LiveClient.connect(wsUri(), TestTokens.forRole("admin"));
             LiveClient viewer = LiveClient.connect(wsUri(), TestTokens.forRole("viewer"))) {
            awaitGatewayListening();
            String configChange = kafka.publish(Topics.ADMIN, subject, "io.orchestration.admin.service-updated", subject,
                    "{\"name\":\"besu\",\"enabled\":false}");
            assertTrue(admin.awaitMessage(text -> text.contains(configChange), WAIT).contains("\"type\":\"service-updated\""));

            // The fan-out handles one event at a time: once the viewer has the next one, it would have had the first.
            String later = kafka.publish(Topics.ADMIN, subject, "io.orchestration.admin.user-updated", subject, "{}");
            viewer.awaitMessage(text -> text.contains(later), WAIT);
            assertTrue(viewer.received().stream().noneMatch(text -> text.contains(configChange)));
        }
    }

    @Test
    void openFeedsAreAGaugeOnTheMetrics() throws Exception {
        try (LiveClient first = LiveClient.connect(wsUri(), TestTokens.forRole("viewer"));
             LiveClient second = LiveClient.connect(wsUri(), TestTokens.forRole("admin"))) {
            double open = Double.parseDouble(given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                    .filter(line -> line.startsWith("portal_live_connections"))
                    .findFirst().orElseThrow(() -> new AssertionError("no portal_live_connections on /q/metrics"))
                    .replaceAll(".* ", ""));
            assertTrue(open >= 2, "two feeds open, the gauge says " + open);
        }
    }

    @Test
    void refusalsSayWhy() {
        assertEquals(401, handshakeStatus(() -> LiveClient.connect(wsUri(), TestTokens.expired("viewer"))));
        assertEquals(401, handshakeStatus(() -> LiveClient.connect(wsUri(), TestTokens.unsigned("admin"))));
        assertEquals(403, handshakeStatus(() -> LiveClient.connect(wsUri(), TestTokens.forUser("guest", "guest"))));
        given().get("/ws").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void logoutClosesThatTokensLiveFeedOnly() throws Exception {
        String loggedOut = TestTokens.forRole("viewer");
        try (LiveClient leaving = LiveClient.connect(wsUri(), loggedOut);
             LiveClient staying = LiveClient.connect(wsUri(), TestTokens.forRole("viewer"))) {
            revokedTokens.revoke(claims(loggedOut).getString("jti"), Instant.now().plusSeconds(3600));
            liveConnections.closeWhereTokenEnded(Instant.now());

            assertEquals(1008, leaving.closedByServer().get(5, TimeUnit.SECONDS));
            assertFalse(staying.closedByServer().isDone());
        }
    }

    @Test
    void aFeedEndsWhenItsTokenExpires() throws Exception {
        try (LiveClient viewer = LiveClient.connect(wsUri(), TestTokens.forRole("viewer"))) {
            liveConnections.closeWhereTokenEnded(Instant.now());
            assertFalse(viewer.closedByServer().isDone(), "a token valid for another hour keeps its feed");

            // The test tokens are valid for an hour: two hours on, this one has expired.
            liveConnections.closeWhereTokenEnded(Instant.now().plusSeconds(7200));
            assertEquals(1008, viewer.closedByServer().get(5, TimeUnit.SECONDS));
        }
    }

    private static int handshakeStatus(Runnable connect) {
        CompletionException refused = assertThrows(CompletionException.class, connect::run);
        assertTrue(refused.getCause() instanceof WebSocketHandshakeException, String.valueOf(refused.getCause()));
        return ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode();
    }

    private static JsonObject claims(String token) {
        return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    /**
     * A new consumer group starts at the end of each partition once it is assigned; events sent
     * before that are never seen. Publish warm-up events until one arrives, once per test run.
     */
    private void awaitGatewayListening() throws Exception {
        if (gatewayListening) {
            return;
        }
        try (LiveClient probe = LiveClient.connect(wsUri(), TestTokens.forRole("viewer"))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                String id = kafka.publish(Topics.ENVIRONMENT, "warm-up", "io.orchestration.environment.updated", "warm-up", "{}");
                try {
                    probe.awaitMessage(text -> text.contains(id), Duration.ofSeconds(2));
                    gatewayListening = true;
                    return;
                } catch (AssertionError notYet) {
                    // partitions not assigned yet
                }
            }
        }
        throw new AssertionError("The gateway never started pushing events");
    }

    private URI wsUri() {
        return URI.create(ws.toString().replaceFirst("^http", "ws"));
    }
}
