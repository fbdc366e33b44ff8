package io.orchestration.admin;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

import static io.orchestration.admin.AdminApi.as;
import static io.orchestration.admin.AdminApi.userExists;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutating calls leave audit records (through the outbox and Kafka into the hash-chained log), with the caller and the
 * client address the gateway forwarded; an entry edited in the database breaks the chain where it was edited.
 */
@QuarkusTest
class AuditTest {

    @Test
    void aMutatingCallIsAuditedWithItsUserAndForwardedClientAddressAndReadsAreNot() {
        String user = "audited-" + UUID.randomUUID().toString().substring(0, 6);
        as("admin").header("X-Forwarded-For", "203.0.113.9").contentType("application/json")
                .body("{\"username\": \"" + user + "\", \"password\": \"long enough password\", \"role\": \"viewer\"}")
                .post("/api/admin/users").then().statusCode(201);
        as("admin").get("/api/admin/users").then().statusCode(200);

        awaitEntries("resource=" + user, 1);
        as("admin").get("/api/admin/audit-logs?resource={u}", user).then()
                .body("total", equalTo(1))
                .body("items[0].user", equalTo("test-admin"))
                .body("items[0].clientIp", equalTo("203.0.113.9"))
                .body("items[0].action", equalTo("UserResource.create"))
                .body("items[0].method", equalTo("POST"))
                .body("items[0].resourceType", equalTo("users"))
                .body("items[0].service", equalTo("admin-service"))
                .body("items[0].status", equalTo(201))
                .body("items[0].resourceId", equalTo(user));
        as("admin").contentType("application/json").body("{\"role\": \"operator\"}").patch("/api/admin/users/{u}?reason=promotion", user)
                .then().statusCode(200);
        awaitEntries("action=UserResource.change&resource=" + user, 1);
        as("admin").get("/api/admin/audit-logs?action=UserResource.change&resource={u}", user).then()
                .body("items[0].resourceType", equalTo("users"))
                .body("items[0].details.pathParameters.username", equalTo(user))
                .body("items[0].details.query.reason", equalTo("promotion"));
    }

    @Test
    void aLoginIsAuditedUnderTheUserWhoLoggedIn() {
        String user = "login-" + UUID.randomUUID().toString().substring(0, 6);
        userExists(user, "long enough password", "viewer");
        AdminApi.login(user, "long enough password");
        awaitEntries("user=" + user, 1);
        as("admin").get("/api/admin/audit-logs?user={u}", user).then().body("items[0].action", equalTo("SessionResource.login"));
    }

    @Test
    void editingAnEntryInTheDatabaseMakesVerifyReportWhereTheChainBreaks() throws Exception {
        String user = "tamper-" + UUID.randomUUID().toString().substring(0, 6);
        userExists(user, "long enough password", "viewer");
        awaitEntries("resource=" + user, 1);
        long seq = ((Number) as("admin").get("/api/admin/audit-logs?resource={u}", user).path("items[0].seq")).longValue();
        as("admin").get("/api/admin/audit-logs/verify").then().statusCode(200).body("intact", equalTo(true));

        String original = sql("select actor from audit_log where seq = " + seq);
        sql("update audit_log set actor = 'someone-else' where seq = " + seq);
        try {
            as("admin").get("/api/admin/audit-logs/verify").then()
                    .body("intact", equalTo(false))
                    .body("brokenAt", equalTo((int) seq))
                    .body("reason", equalTo("entry " + seq + " was changed after it was written (its hash does not match its fields)"));
        } finally {
            sql("update audit_log set actor = '" + original + "' where seq = " + seq);
        }
        as("admin").get("/api/admin/audit-logs/verify").then().body("intact", equalTo(true));
        as("operator").get("/api/admin/audit-logs/verify").then().statusCode(403);
        as("admin").get("/api/admin/audit-logs?from=yesterday").then().statusCode(400).contentType("application/problem+json");
    }

    private static void awaitEntries(String query, int count) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            Number total = as("admin").get("/api/admin/audit-logs?" + query).path("total");
            if (total != null && total.intValue() >= count) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("no audit entry for " + query + " within 20 s");
    }

    private static String sql(String statement) throws Exception {
        String db = ConfigProvider.getConfig().getValue("portal.db", String.class);
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, "portal", "portal");
             PreparedStatement query = connection.prepareStatement(statement)) {
            if (!statement.startsWith("select")) {
                assertEquals(1, query.executeUpdate());
                return null;
            }
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                return row.getString(1);
            }
        }
    }
}
