package io.orchestration.alert.rest;

import io.orchestration.common.security.Roles;
import io.orchestration.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every endpoint against no token, an expired one, a wrongly signed one, and each role: the least role it names gets in. */
@QuarkusTest
class AlertAccessTest {

    private static final String SOME_ID = "00000000-0000-0000-0000-000000000001";

    private static Response call(RequestSpecification request, String method, String path) {
        return request.contentType("application/json").body("{}").request(method, path.replace("{id}", SOME_ID));
    }

    @ParameterizedTest
    @CsvSource({
            "GET, /api/alerts, viewer",
            "GET, /api/alerts/{id}, viewer",
            "GET, /api/alerts/{id}/deliveries, viewer",
            "GET, /api/environments/prod-eu/alerts, viewer",
            "POST, /api/alerts, operator",
            "POST, /api/alerts/{id}/acknowledge, operator",
            "POST, /api/alerts/{id}/resolve, operator",
            "POST, /api/alerts/alertmanager, operator",
            "GET, /api/alerts/silences, viewer",
            "GET, /api/alerts/silences/{id}, viewer",
            "POST, /api/alerts/silences, operator",
            "DELETE, /api/alerts/silences/{id}, operator",
            "GET, /api/notification-channels, viewer",
            "GET, /api/notification-channels/{id}, viewer",
            "POST, /api/notification-channels, admin",
            "PUT, /api/notification-channels/{id}, admin",
            "DELETE, /api/notification-channels/{id}, admin"})
    void onlyTheNamedRoleAndAboveGetIn(String method, String path, String leastRole) {
        for (RequestSpecification stranger : new RequestSpecification[]{
                RestAssured.given(),
                RestAssured.given().header("Authorization", TestTokens.bearer(TestTokens.expired(Roles.ADMIN))),
                RestAssured.given().header("Authorization", TestTokens.bearer(TestTokens.wronglySigned(Roles.ADMIN)))}) {
            call(stranger, method, path).then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        }
        int least = Roles.ALL.indexOf(leastRole);
        for (int rank = 0; rank < Roles.ALL.size(); rank++) {
            String role = Roles.ALL.get(rank);
            Response response = call(RestAssured.given().header("Authorization", TestTokens.bearer(TestTokens.forRole(role))), method, path);
            if (rank < least) {
                response.then().statusCode(403).contentType("application/problem+json");
            } else {
                int status = response.statusCode();
                assertTrue(status != 401 && status != 403 && status < 500, role + " " + method + " " + path + " answered " + status);
            }
        }
    }
}
