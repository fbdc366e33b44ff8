package io.orchestration.alert.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static io.orchestration.alert.support.Callers.as;
import static io.orchestration.alert.support.Callers.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Bad input gets a 4xx problem+json and stores nothing. */
@QuarkusTest
class AlertRejectionTest {

    private static void refused(String body, int status, String detailContains) {
        as("operator").contentType("application/json").body(body).post("/api/alerts").then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("detail", containsString(detailContains));
    }

    private static void nothingStoredFor(String environment) {
        as("viewer").get("/api/alerts?environment={env}", environment).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void unknownSeverityIsRefused() {
        String env = unique("bad-sev");
        refused("{\"environment\":\"" + env + "\",\"name\":\"x\",\"severity\":\"critical\",\"message\":\"m\"}", 400, "severity");
        nothingStoredFor(env);
    }

    @Test
    void oversizedLabelsAreRefused() {
        String env = unique("big-labels");
        StringBuilder labels = new StringBuilder("{");
        for (int i = 0; i < 40; i++) {
            labels.append(i == 0 ? "" : ",").append("\"l").append(i).append("\":\"v\"");
        }
        labels.append('}');
        refused("{\"environment\":\"" + env + "\",\"name\":\"x\",\"severity\":\"info\",\"message\":\"m\",\"labels\":" + labels + "}",
                400, "at most 32 labels");
        refused("{\"environment\":\"" + env + "\",\"name\":\"x\",\"severity\":\"info\",\"message\":\"m\",\"labels\":{\"k\":\""
                + "v".repeat(1001) + "\"}}", 400, "labels");
        refused("{\"environment\":\"" + env + "\",\"name\":\"x\",\"severity\":\"info\",\"message\":\"m\",\"labels\":{\"not a name\":\"v\"}}",
                400, "label name");
        nothingStoredFor(env);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\":\"x\",\"severity\":\"info\",\"message\":\"m\"}",
            "{\"environment\":\"Bad Env\",\"name\":\"x\",\"severity\":\"info\",\"message\":\"m\"}",
            "{\"environment\":\"env-a\",\"severity\":\"info\",\"message\":\"m\"}",
            "{\"environment\":\"env-a\",\"name\":\"x\",\"severity\":\"info\"}",
            "{\"environment\":\"env-a\",\"name\":\"x\",\"severity\":\"info\",\"message\":\"m\",\"source\":\"demo\"}",
            "{\"environment\":\"env-a\",\"name\":\"x\",\"severity\":\"info\",\"message\":\"m\",\"colour\":\"red\"}",
            "{\"environment\":\"env-a\",\"name\":\"x\",\"severity\":\"info\",\"message\":\"m\",\"labels\":[\"a\"]}",
            "{\"environment\":\"env-a\",",
            "null"})
    void malformedOrIncompleteBodiesAreRefused(String body) {
        as("operator").contentType("application/json").body(body).post("/api/alerts").then()
                .statusCode(400)
                .contentType("application/problem+json");
        nothingStoredFor("env-a");
    }

    @Test
    void badQueryParametersAndUnknownIdsAreProblems() {
        as("viewer").get("/api/alerts?severity=fatal").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("severity"));
        as("viewer").get("/api/alerts?status=open").then().statusCode(400).contentType("application/problem+json");
        as("viewer").get("/api/alerts?unacknowledged_only=yes").then().statusCode(400).contentType("application/problem+json");
        as("viewer").get("/api/alerts?page=-1").then().statusCode(400).contentType("application/problem+json");
        as("viewer").get("/api/alerts/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
        as("operator").post("/api/alerts/{id}/acknowledge", "00000000-0000-0000-0000-000000000000").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void readingNeedsAToken() {
        given().get("/api/alerts").then().statusCode(401).contentType("application/problem+json");
        as("viewer").contentType("application/json")
                .body("{\"environment\":\"env-a\",\"name\":\"x\",\"severity\":\"info\",\"message\":\"m\"}")
                .post("/api/alerts").then().statusCode(403).contentType("application/problem+json");
    }
}
