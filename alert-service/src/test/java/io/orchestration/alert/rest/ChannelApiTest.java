package io.orchestration.alert.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.orchestration.alert.support.Callers.as;
import static io.orchestration.alert.support.Callers.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Notification channels through the API: admins configure them, everyone reads them with secrets masked; bad ones refused. */
@QuarkusTest
class ChannelApiTest {

    @Test
    void anAdminConfiguresAChannelAndItsSecretsNeverComeBack() {
        String name = unique("pager");
        String id = as("admin").contentType("application/json").body("""
                        {"name": "%s", "type": "pagerduty", "routingKey": "R0UT1NGKEY00000000000000000000ab", "minSeverity": "error",
                         "environments": ["prod-eu"], "groupWait": "PT10S", "repeatInterval": "PT1H"}""".formatted(name))
                .post("/api/notification-channels").then()
                .statusCode(201)
                .body("routingKey", equalTo("...00ab"))
                .body("url", equalTo(null))
                .body("groupWait", equalTo("PT10S"))
                .body("repeatInterval", equalTo("PT1H"))
                .body("createdBy", equalTo("test-admin"))
                .extract().path("id");
        as("viewer").get("/api/notification-channels").then().statusCode(200).body("name", hasItem(name));
        as("viewer").get("/api/notification-channels/{id}", id).then().statusCode(200)
                .body(not(containsString("R0UT1NGKEY")));

        String hook = as("admin").contentType("application/json").body("""
                        {"name": "%s", "type": "webhook", "url": "https://hooks.example.org/portal/t0ken", "secret": "0123456789abcdef0123"}"""
                        .formatted(unique("hook")))
                .post("/api/notification-channels").then().statusCode(201)
                .body("url", equalTo("https://hooks.example.org/..."))
                .body("secretSet", equalTo(true))
                .body(not(containsString("0123456789abcdef")))
                .extract().path("id");

        as("admin").contentType("application/json").body("""
                        {"name": "%s", "type": "pagerduty", "routingKey": "OTHERKEY", "enabled": false}""".formatted(name))
                .put("/api/notification-channels/{id}", id).then().statusCode(200)
                .body("enabled", equalTo(false))
                .body("minSeverity", equalTo("warning"));
        as("admin").contentType("application/json").body("""
                        {"name": "%s", "type": "slack", "url": "https://hooks.slack.com/services/x"}""".formatted(name))
                .post("/api/notification-channels").then().statusCode(409).contentType("application/problem+json");

        as("operator").delete("/api/notification-channels/{id}", id).then().statusCode(403).contentType("application/problem+json");
        as("admin").delete("/api/notification-channels/{id}", id).then().statusCode(204);
        as("admin").delete("/api/notification-channels/{id}", hook).then().statusCode(204);
        as("viewer").get("/api/notification-channels/{id}", id).then().statusCode(404).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\": \"c-1\", \"type\": \"slack\"}",
            "{\"name\": \"c-1\", \"type\": \"slack\", \"url\": \"ftp://files.example.org\"}",
            "{\"name\": \"c-1\", \"type\": \"slack\", \"url\": \"https://bad host/\"}",
            "{\"name\": \"c-1\", \"type\": \"pagerduty\"}",
            "{\"name\": \"c-1\", \"type\": \"email\", \"to\": []}",
            "{\"name\": \"c-1\", \"type\": \"email\", \"to\": [\"not-an-address\"]}",
            "{\"name\": \"c-1\", \"type\": \"webhook\", \"url\": \"https://h.example.org\", \"secret\": \"short\"}",
            "{\"name\": \"c-1\", \"type\": \"webhook\", \"url\": \"https://h.example.org\"}",
            "{\"name\": \"c-1\", \"type\": \"teams\", \"url\": \"https://h.example.org\"}",
            "{\"name\": \"c-1\", \"type\": \"slack\", \"url\": \"https://h.example.org\", \"minSeverity\": \"critical\"}",
            "{\"name\": \"c-1\", \"type\": \"slack\", \"url\": \"https://h.example.org\", \"groupWait\": \"PT2H\"}",
            "{\"name\": \"c-1\", \"type\": \"slack\", \"url\": \"https://h.example.org\", \"repeatInterval\": \"soon\"}",
            "{\"name\": \"Has Spaces\", \"type\": \"slack\", \"url\": \"https://h.example.org\"}",
            "{\"name\": \"c-1\", \"type\": \"slack\", \"url\": \"https://h.example.org\", \"environments\": [\"Prod EU\"]}"})
    void badChannelsAreRefusedAndNothingIsStored(String body) {
        as("admin").contentType("application/json").body(body).post("/api/notification-channels").then()
                .statusCode(400).contentType("application/problem+json");
        as("viewer").get("/api/notification-channels").then().body("name", not(hasItem("c-1")));
    }
}
