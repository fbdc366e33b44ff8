package io.orchestration.gateway.protection;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Security headers, CORS and the per-client rate limit, with a bucket of 5 refilled at 1 per second. */
@QuarkusTest
@TestProfile(ClientProtectionTest.SmallBucket.class)
class ClientProtectionTest {

    public static class SmallBucket implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.rate-limit.capacity", "5", "gateway.rate-limit.per-second", "1");
        }
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws InterruptedException {
        for (String path : List.of("/api/no-such-thing", "/q/health/live", "/")) {
            given().get(path).then()
                    .header("X-Content-Type-Options", "nosniff")
                    .header("X-Frame-Options", "DENY")
                    .header("Referrer-Policy", "no-referrer")
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        }
        Thread.sleep(5000); // the next test starts with a full bucket
    }

    @Test
    void aConfiguredOriginMayCallTheApiAndAnotherMayNot() throws InterruptedException {
        given().header("Origin", "http://localhost:8080").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/environments").then()
                .statusCode(204)
                .header("Access-Control-Allow-Origin", "http://localhost:8080")
                .header("Access-Control-Allow-Methods", containsString("POST"));
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/environments").then().statusCode(403);
        Thread.sleep(5000);
    }

    @Test
    void aClientThatEmptiesItsBucketGets429WithRetryAfterUntilItRefills() throws InterruptedException {
        List<Integer> statuses = new ArrayList<>();
        Response refused = null;
        for (int i = 0; i < 8; i++) {
            Response response = given().get("/api/no-such-thing");
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                refused = response;
            }
        }
        assertEquals(List.of(404, 404, 404, 404, 404, 429, 429, 429), statuses);
        refused.then().contentType("application/problem+json").header("Retry-After", equalTo("1"))
                .body("detail", containsString("More than 5 requests at once"));
        Thread.sleep(1100);
        assertTrue(given().get("/api/no-such-thing").statusCode() != 429, "a token came back after a second");
    }
}
