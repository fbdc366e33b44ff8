package io.orchestration.gateway.ui;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built web UI is served at / and every deep link of its router; API, management and live-feed paths are not. */
@QuarkusTest
class SinglePageAppTest {

    @Test
    void rootAndDeepLinksAnswerWithTheUi() {
        for (String path : List.of("/", "/login", "/dashboard/health", "/dashboard/costs", "/monitoring/chainlink-ccip",
                "/environments/gcp-euw4-staging", "/deployments/8d7f3c1e-0000-4000-8000-000000000000", "/alerts", "/admin")) {
            given().get(path).then()
                    .statusCode(200)
                    .contentType(containsString("text/html"))
                    .body(containsString("<div id=\"root\"></div>"))
                    .body(containsString("/assets/index-"));
        }
    }

    @Test
    void theUisScriptIsServedAsAFile() {
        String index = given().get("/").then().statusCode(200).extract().asString();
        String script = index.replaceAll("(?s).*src=\"(/assets/index-[^\"]+\\.js)\".*", "$1");
        given().get(script).then().statusCode(200).contentType(containsString("javascript"));
    }

    @Test
    void apiManagementAndMissingFilesAreNotAnsweredWithTheUi() {
        for (String path : List.of("/api/no-such-thing", "/q/no-such-thing", "/ws/nothing", "/assets/missing.js")) {
            given().get(path).then()
                    .statusCode(404)
                    .body(not(containsString("<div id=\"root\">")));
        }
    }

    @Test
    void onlyReadsOfPathsWithoutAFileExtensionAreViews() {
        assertTrue(SinglePageApp.isView(HttpMethod.GET, "/environments/ibm-eu-de-dev"));
        assertTrue(SinglePageApp.isView(HttpMethod.HEAD, "/"));
        assertFalse(SinglePageApp.isView(HttpMethod.POST, "/environments/x"));
        assertFalse(SinglePageApp.isView(HttpMethod.GET, "/api"));
        assertFalse(SinglePageApp.isView(HttpMethod.GET, "/ws"));
        assertFalse(SinglePageApp.isView(HttpMethod.GET, "/q/health"));
        assertFalse(SinglePageApp.isView(HttpMethod.GET, "/favicon.ico"));
        assertTrue(SinglePageApp.isView(HttpMethod.GET, "/apis-overview"), "only whole path segments are reserved");
    }
}
