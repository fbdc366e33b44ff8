package io.orchestration.gateway.routing;

import io.orchestration.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The proxy's own contract, against a stand-in service that echoes what it received
 * (the real services are exercised end to end in system-tests).
 */
@QuarkusTest
class ApiProxyTest {

    /** Where the test profile points gateway.services.environment. */
    private static final int ECHO_PORT = 18191;

    private static Vertx vertx;
    private static HttpServer echo;

    @BeforeAll
    static void startEchoService() throws Exception {
        vertx = Vertx.vertx();
        echo = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            if (request.path().startsWith("/api/environments/long-answer")) {
                answerLong(request);
                return;
            }
            JsonObject seen = new JsonObject()
                    .put("method", request.method().name())
                    .put("uri", request.uri())
                    .put("authorization", request.getHeader("Authorization"))
                    .put("forwardedFor", request.getHeader("X-Forwarded-For"))
                    .put("forwardedProto", request.getHeader("X-Forwarded-Proto"))
                    .put("keepAlive", request.getHeader("Keep-Alive"))
                    .put("body", body.toString());
            request.response().setStatusCode(request.method().name().equals("POST") ? 201 : 200)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("X-Echo", "yes")
                    .end(seen.encode());
        })).listen(ECHO_PORT, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * A JSON array of {@code ?items=} numbers, written in chunks of 100 items as services write JSON; with
     * {@code ?length=true} declared up front (Content-Length) instead of chunked.
     */
    private static void answerLong(io.vertx.core.http.HttpServerRequest request) {
        int items = Integer.parseInt(request.getParam("items"));
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < items; i++) {
            json.append(i == 0 ? "" : ",").append(i);
        }
        String text = json.append(']').toString();
        var response = request.response().putHeader("Content-Type", "application/json");
        if (request.method().name().equals("HEAD") || "true".equals(request.getParam("length"))) {
            response.putHeader("Content-Length", Integer.toString(text.length()));
        } else {
            response.setChunked(true);
        }
        if (request.method().name().equals("HEAD")) {
            response.end();
            return;
        }
        for (int at = 0; at < text.length(); at += 500) {
            response.write(text.substring(at, Math.min(text.length(), at + 500)));
        }
        response.end();
    }

    @AfterAll
    static void stopEchoService() {
        echo.close();
        vertx.close();
    }

    @Test
    void forwardsMethodPathQueryHeadersAndBodyAndReturnsTheServiceAnswer() {
        String token = TestTokens.forRole("admin");
        given().header("Authorization", "Bearer " + token)
                .contentType("application/json")
                .body("{\"enabled\":false}")
                .post("/api/admin/environments/x/toggle?dryRun=true")
                .then().statusCode(201)
                .header("X-Echo", "yes")
                .body("method", equalTo("POST"))
                .body("uri", equalTo("/api/admin/environments/x/toggle?dryRun=true"))
                .body("authorization", equalTo("Bearer " + token))
                .body("body", equalTo("{\"enabled\":false}"))
                .body("forwardedProto", equalTo("http"));
    }

    @Test
    void setsForwardedForItselfAndIgnoresTheClientsClaim() {
        given().header("X-Forwarded-For", "203.0.113.9")
                .get("/api/environments")
                .then().statusCode(200)
                .body("forwardedFor", equalTo("127.0.0.1"));
    }

    @Test
    void answersShortAndLongChunkedOrNotArriveWhole() {
        for (int items : new int[]{0, 10, 20_000, 200_000}) {
            for (String length : new String[]{"false", "true"}) {
                String answer = given().get("/api/environments/long-answer?items={n}&length={l}", items, length)
                        .then().statusCode(200).contentType("application/json").extract().asString();
                assertEquals(IntStream.range(0, items).boxed().toList(), new JsonArray(answer).getList(),
                        items + " items, length declared: " + length);
            }
        }
    }

    @Test
    void headAnswersKeepTheirDeclaredLengthAndHaveNoBody() {
        given().head("/api/environments/long-answer?items=1000")
                .then().statusCode(200)
                .header("Content-Length", Integer.toString(("[" + String.join(",", IntStream.range(0, 1000)
                        .mapToObj(Integer::toString).toList()) + "]").length()));
    }

    @Test
    void hopByHopHeadersStayOnTheirHop() {
        given().header("Keep-Alive", "timeout=5")
                .get("/api/environments")
                .then().statusCode(200)
                .body("keepAlive", equalTo(null));
    }

    @Test
    void unreachableServiceIsA503Problem() {
        given().get("/api/deployments")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("status", equalTo(503))
                .body("detail", containsString("deployment-service is not reachable"));
    }

    @Test
    void pathNoServiceOwnsIsA404Problem() {
        given().get("/api/unknown")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }
}
