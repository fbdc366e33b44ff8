package io.orchestration.systemtests;

import io.orchestration.testing.LiveClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static io.orchestration.systemtests.GatewayCalls.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin features end to end through the gateway with real logins: the first admin logs in, acts on another
 * service with that token, is audited there with the address the gateway saw, creates a user who logs in, changes a
 * service's configuration (pushed live to the admin room), and logs out, after which every service refuses the token.
 */
@ExtendWith(RunningPortal.class)
class AdminEndToEndIT {

    @Test
    void anAdminLogsInActsAcrossServicesIsAuditedAndLogsOut() throws Exception {
        String token = login("admin", RunningPortal.ADMIN_PASSWORD);

        HttpResponse<String> toggled = send("PUT", "/api/admin/environments/ibm-eu-de-dev/toggle", token, "{\"enabled\": true}");
        assertEquals(200, toggled.statusCode(), toggled.body());

        String user = "e2e-" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> created = send("POST", "/api/admin/users", token,
                "{\"username\": \"" + user + "\", \"password\": \"a long e2e password\", \"role\": \"operator\"}");
        assertEquals(201, created.statusCode(), created.body());
        String operatorToken = login(user, "a long e2e password");
        assertEquals(403, send("GET", "/api/admin/users", operatorToken, null).statusCode(), "an operator is no admin");

        JsonObject toggleAudit = awaitAuditEntry(token, "action=EnvironmentAdminResource.toggle&user=admin");
        assertEquals("environment-service", toggleAudit.getString("service"));
        assertEquals("127.0.0.1", toggleAudit.getString("clientIp"), "the address the gateway saw");
        assertEquals("ibm-eu-de-dev", toggleAudit.getString("resourceId"));
        JsonObject verified = new JsonObject(send("GET", "/api/admin/audit-logs/verify", token, null).body());
        assertTrue(verified.getBoolean("intact"), verified.encode());

        try (LiveClient adminRoom = LiveClient.connectLikeBrowser(RunningPortal.liveFeed(), token)) {
            HttpResponse<String> changed = send("PUT", "/api/admin/services/firefly", token,
                    "{\"enabled\": true, \"config\": {\"collectionIntervalSeconds\": 20}}");
            assertEquals(200, changed.statusCode(), changed.body());
            String pushed = adminRoom.awaitMessage(text -> text.contains("\"type\":\"service-updated\"") && text.contains("firefly"),
                    Duration.ofSeconds(10));
            assertEquals(20, new JsonObject(pushed).getJsonObject("data").getJsonObject("config").getInteger("collectionIntervalSeconds"));
        }

        assertEquals(204, send("POST", "/api/admin/logout", token, null).statusCode());
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (send("GET", "/api/environments?size=1", token, null).statusCode() != 401) {
            assertTrue(System.nanoTime() < deadline, "environment-service still accepted the revoked token after 15 s");
            Thread.sleep(200);
        }
        assertEquals(401, send("GET", "/api/deployments", token, null).statusCode(), "deployment-service refuses it too");
        assertEquals(200, send("GET", "/api/environments?size=1", operatorToken, null).statusCode(), "other tokens still work");
    }

    private static String login(String username, String password) throws Exception {
        HttpResponse<String> response = send("POST", "/api/admin/login", null,
                "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}");
        assertEquals(200, response.statusCode(), response.body());
        return new JsonObject(response.body()).getString("token");
    }

    private static JsonObject awaitAuditEntry(String token, String query) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            JsonArray items = new JsonObject(send("GET", "/api/admin/audit-logs?" + query, token, null).body()).getJsonArray("items");
            if (items != null && !items.isEmpty()) {
                return items.getJsonObject(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no audit entry for " + query + " within 20 s");
    }
}
