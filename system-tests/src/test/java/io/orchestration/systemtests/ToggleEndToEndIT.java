package io.orchestration.systemtests;

import io.orchestration.testing.KafkaTopicProbe;
import io.orchestration.testing.LiveClient;
import io.orchestration.testing.TestTokens;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import static io.orchestration.systemtests.GatewayCalls.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The foundation's promise, end to end with the real packaged services, PostgreSQL and Kafka:
 * an admin toggles an environment through the gateway, and the database, the catalogue file,
 * the Kafka topic and a connected WebSocket client all show it.
 */
@ExtendWith(RunningPortal.class)
class ToggleEndToEndIT {

    private static final String ENVIRONMENT = "ibm-eu-de-dev";

    private final Path catalogue = RunningPortal.catalogue();

    @Test
    void viewerSeesTheCatalogueThroughTheGateway() throws Exception {
        HttpResponse<String> response = send("GET", "/api/environments?size=100", TestTokens.forRole("viewer"), null);

        assertEquals(200, response.statusCode(), response.body());
        JsonObject page = new JsonObject(response.body());
        long declared = Files.readAllLines(catalogue).stream().filter(line -> line.startsWith("  - name: ")).count();
        assertEquals(declared, page.getInteger("total").longValue(), "every environment of the catalogue");
        assertTrue(response.body().contains("\"name\":\"" + ENVIRONMENT + "\""));
    }

    @Test
    void toggleThroughTheGatewayReachesDatabaseCatalogueKafkaAndWebSocket() throws Exception {
        boolean before = enabledInDatabase();
        try (KafkaTopicProbe topic = KafkaTopicProbe.watch("environment-events");
             LiveClient browser = LiveClient.connectLikeBrowser(RunningPortal.liveFeed(),
                     TestTokens.forRole("viewer"))) {

            long sent = System.nanoTime();
            HttpResponse<String> response = send("PUT", "/api/admin/environments/" + ENVIRONMENT + "/toggle",
                    TestTokens.forRole("admin"), "{\"enabled\":" + !before + "}");
            assertEquals(200, response.statusCode(), response.body());

            String pushed = browser.awaitMessage(text -> text.contains("\"subject\":\"" + ENVIRONMENT + "\"")
                    && text.contains("\"event\":\"io.orchestration.environment.enabled-changed\""), Duration.ofSeconds(10));
            long toWebSocketMillis = (System.nanoTime() - sent) / 1_000_000;
            System.out.printf("toggle -> WebSocket message: %d ms%n", toWebSocketMillis);
            JsonObject message = new JsonObject(pushed);
            assertEquals("environment-updated", message.getString("type"));
            assertEquals(!before, message.getJsonObject("data").getBoolean("enabled"));

            assertEquals(!before, enabledInDatabase());
            assertTrue(Files.readString(catalogue).contains("    enabled: " + !before), "catalogue written back");

            ConsumerRecord<String, String> record = topic.awaitRecord(r -> ENVIRONMENT.equals(r.key())
                    && "io.orchestration.environment.enabled-changed".equals(KafkaTopicProbe.header(r, "ce_type")), Duration.ofSeconds(10));
            Map<String, String> headers = KafkaTopicProbe.cloudEventHeaders(record);
            assertEquals("1.0", headers.get("ce_specversion"));
            assertEquals("io.orchestration.environment.enabled-changed", headers.get("ce_type"));
            assertEquals("/environment-service", headers.get("ce_source"));
            assertEquals(ENVIRONMENT, headers.get("ce_subject"));
            assertEquals(message.getString("id"), headers.get("ce_id"));
            assertNotNull(headers.get("ce_time"));
            assertEquals(!before, new JsonObject(record.value()).getBoolean("enabled"));
        } finally {
            send("PUT", "/api/admin/environments/" + ENVIRONMENT + "/toggle", TestTokens.forRole("admin"),
                    "{\"enabled\":" + before + "}");
        }
    }

    @Test
    void viewerCannotToggleAndNothingChanges() throws Exception {
        boolean before = enabledInDatabase();
        String catalogueBefore = Files.readString(catalogue);

        HttpResponse<String> response = send("PUT", "/api/admin/environments/" + ENVIRONMENT + "/toggle",
                TestTokens.forRole("viewer"), "{\"enabled\":" + !before + "}");

        assertEquals(403, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(before, enabledInDatabase());
        assertEquals(catalogueBefore, Files.readString(catalogue));
    }

    @Test
    void missingTokenIsRejectedByTheService() throws Exception {
        HttpResponse<String> response = send("GET", "/api/environments", null, null);

        assertEquals(401, response.statusCode());
        assertFalse(response.body().isEmpty());
    }

    private static boolean enabledInDatabase() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + RunningPortal.database("environment"), "portal", "portal");
             PreparedStatement query = db.prepareStatement("select enabled from environment where name = ?")) {
            query.setString(1, ENVIRONMENT);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), ENVIRONMENT + " is stored");
                return row.getBoolean(1);
            }
        }
    }
}
