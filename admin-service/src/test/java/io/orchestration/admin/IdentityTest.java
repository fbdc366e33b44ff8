package io.orchestration.admin;

import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.testing.KafkaTopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import static io.orchestration.admin.AdminApi.FIRST_ADMIN_PASSWORD;
import static io.orchestration.admin.AdminApi.as;
import static io.orchestration.admin.AdminApi.login;
import static io.orchestration.admin.AdminApi.loginStatus;
import static io.orchestration.admin.AdminApi.userExists;
import static io.orchestration.admin.AdminApi.withToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logins, tokens, lockout, logout and users, against the real database and Kafka. */
@QuarkusTest
class IdentityTest {

    @Inject
    JWTParser parser;

    @Test
    void theFirstAdminLogsInWithTheSetUpPasswordAndGetsAnAdminTokenEveryServiceAccepts() throws Exception {
        String token = login("admin", FIRST_ADMIN_PASSWORD);

        JsonWebToken jwt = parser.parse(token);
        assertEquals("admin", jwt.getName());
        assertEquals(Set.of("admin"), jwt.getGroups());
        assertEquals("orchestration-portal", jwt.getIssuer());
        long lifetime = jwt.getExpirationTime() - jwt.getIssuedAtTime();
        assertEquals(Duration.ofHours(24).toSeconds(), lifetime);
        withToken(token).get("/api/admin/users").then().statusCode(200).body("username", hasItem("admin"))
                .body("[0]", not(hasItem("passwordHash")));
    }

    @Test
    void wrongPasswordsAreRefusedAndTooManyLockTheAccountForAWhile() throws Exception {
        String user = "locked-" + UUID.randomUUID().toString().substring(0, 6);
        userExists(user, "correct horse battery", "viewer");

        for (int i = 1; i < 5; i++) {
            given().contentType("application/json").body("{\"username\": \"" + user + "\", \"password\": \"wrong password " + i + "\"}")
                    .post("/api/admin/login").then().statusCode(401).contentType("application/problem+json")
                    .body("detail", equalTo("Wrong username or password"));
        }
        given().contentType("application/json").body("{\"username\": \"" + user + "\", \"password\": \"wrong again\"}")
                .post("/api/admin/login").then().statusCode(423).body("detail", containsString("is locked after too many failed logins"));
        assertEquals(423, loginStatus(user, "correct horse battery"), "locked: even the right password is refused");

        Thread.sleep(2500); // the test profile's lockout is 2 s
        login(user, "correct horse battery");
        assertEquals(401, loginStatus("nobody-" + user, "correct horse battery"));
    }

    @Test
    void aDisabledUserCannotLogInAndAResetPasswordUnlocksAnAccount() {
        String user = "ops-" + UUID.randomUUID().toString().substring(0, 6);
        userExists(user, "first password 123", "operator");
        as("admin").contentType("application/json").body("{\"enabled\": false}").patch("/api/admin/users/{u}", user)
                .then().statusCode(200).body("enabled", equalTo(false)).body("updatedBy", equalTo("test-admin"));
        given().contentType("application/json").body("{\"username\": \"" + user + "\", \"password\": \"first password 123\"}")
                .post("/api/admin/login").then().statusCode(401).body("detail", containsString("is disabled"));

        as("admin").contentType("application/json").body("{\"enabled\": true, \"role\": \"admin\"}").patch("/api/admin/users/{u}", user)
                .then().statusCode(200).body("role", equalTo("admin"));
        as("admin").contentType("application/json").body("{\"password\": \"second password 456\"}")
                .post("/api/admin/users/{u}/password", user).then().statusCode(200);
        assertEquals(401, loginStatus(user, "first password 123"));
        login(user, "second password 456");
    }

    @Test
    void logoutRevokesTheTokenEverywhereThroughAnEvent() throws Exception {
        String token = login("admin", FIRST_ADMIN_PASSWORD);
        String jti = parser.parse(token).getTokenID();
        try (KafkaTopicProbe admin = KafkaTopicProbe.watch(Topics.ADMIN)) {
            withToken(token).post("/api/admin/logout").then().statusCode(204);
            var record = admin.awaitRecord(r -> EventTypes.ADMIN_TOKEN_REVOKED.equals(KafkaTopicProbe.header(r, "ce_type"))
                    && r.value().contains(jti), Duration.ofSeconds(10));
            assertTrue(record.value().contains("\"username\":\"admin\""), record.value());
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (withToken(token).get("/api/admin/users").statusCode() != 401) {
            assertTrue(System.nanoTime() < deadline, "the revoked token was still accepted after 10 s");
            Thread.sleep(100);
        }
        withToken(login("admin", FIRST_ADMIN_PASSWORD)).get("/api/admin/users").then().statusCode(200);
    }

    @Test
    void usersAreForAdminsOnlyAndBadUsersAreRefusedWithWhatIsWrong() {
        as("operator").get("/api/admin/users").then().statusCode(403);
        given().get("/api/admin/users").then().statusCode(401);
        as("admin").contentType("application/json").body("{\"username\": \"Bad Name\", \"password\": \"short\", \"role\": \"root\"}")
                .post("/api/admin/users").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("username")).body("detail", containsString("password")).body("detail", containsString("role"));
        as("admin").contentType("application/json").body("{\"username\": \"admin\", \"password\": \"long enough password\", \"role\": \"viewer\"}")
                .post("/api/admin/users").then().statusCode(409);
        as("admin").contentType("application/json").body("{\"role\": \"viewer\"}").patch("/api/admin/users/{u}", "no-such-user")
                .then().statusCode(404);
    }
}
