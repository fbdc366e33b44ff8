package io.orchestration.alert.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static io.orchestration.alert.support.Callers.as;
import static io.orchestration.alert.support.Callers.asUser;
import static io.orchestration.alert.support.Callers.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Silences through the API: created by operators with matchers and a window, listed, expired early; bad ones refused. */
@QuarkusTest
class SilenceApiTest {

    private static String in(long hours) {
        return OffsetDateTime.now(ZoneOffset.UTC).plusHours(hours).toString();
    }

    private static String silence(String matchers, String endsAt) {
        return "{\"matchers\": " + matchers + ", \"endsAt\": \"" + endsAt + "\", \"comment\": \"maintenance window\"}";
    }

    @Test
    void anOperatorSilencesForAWindowAndExpiresItEarly() {
        String env = unique("quiet");
        String id = asUser("carol", "operator").contentType("application/json")
                .body(silence("[{\"name\": \"environment\", \"value\": \"" + env + "\"}, {\"name\": \"severity\", \"op\": \"=~\", \"value\": \"warning|info\"}]", in(2)))
                .post("/api/alerts/silences").then()
                .statusCode(201)
                .header("Location", containsString("/api/alerts/silences/"))
                .body("state", equalTo("active"))
                .body("createdBy", equalTo("carol"))
                .body("matchers[0].op", equalTo("="))
                .body("matchers[1].op", equalTo("=~"))
                .extract().path("id");

        as("viewer").get("/api/alerts/silences?size=500").then().statusCode(200).body("items.id", hasItem(id));
        as("viewer").delete("/api/alerts/silences/{id}", id).then().statusCode(403).contentType("application/problem+json");

        asUser("dave", "operator").delete("/api/alerts/silences/{id}", id).then()
                .statusCode(200)
                .body("state", equalTo("expired"))
                .body("expiredBy", equalTo("dave"));
        as("viewer").get("/api/alerts/silences?size=500").then().body("items.id", not(hasItem(id)));
        as("viewer").get("/api/alerts/silences?all=true&size=500").then().body("items.id", hasItem(id));
        as("viewer").get("/api/alerts/silences/{id}", id).then().statusCode(200).body("comment", equalTo("maintenance window"));
    }

    @Test
    void badSilencesAreRefused() {
        String env = "[{\"name\": \"environment\", \"value\": \"e\"}]";
        as("operator").contentType("application/json").body(silence("[]", in(1)))
                .post("/api/alerts/silences").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("matchers"));
        as("operator").contentType("application/json").body(silence(env, in(-1)))
                .post("/api/alerts/silences").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("endsAt"));
        as("operator").contentType("application/json").body(silence(env, in(24 * 100)))
                .post("/api/alerts/silences").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("90 days"));
        as("operator").contentType("application/json").body(silence("[{\"name\": \"job\", \"op\": \"=~\", \"value\": \"(unclosed\"}]", in(1)))
                .post("/api/alerts/silences").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("matchers[0].value"));
        as("operator").contentType("application/json").body(silence("[{\"name\": \"job\", \"op\": \"~\", \"value\": \"x\"}]", in(1)))
                .post("/api/alerts/silences").then().statusCode(400).contentType("application/problem+json");
        as("operator").contentType("application/json").body("{\"matchers\": " + env + ", \"endsAt\": \"" + in(1) + "\"}")
                .post("/api/alerts/silences").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("comment"));
        as("viewer").contentType("application/json").body(silence(env, in(1)))
                .post("/api/alerts/silences").then().statusCode(403).contentType("application/problem+json");
        as("operator").delete("/api/alerts/silences/{id}", "nope").then().statusCode(404).contentType("application/problem+json");
    }
}
