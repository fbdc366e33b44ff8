package io.orchestration.admin;

import io.orchestration.testing.TestTokens;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** The admin API as the tests call it. */
final class AdminApi {

    static final String FIRST_ADMIN_PASSWORD = "first-admin-secret";

    private AdminApi() {
    }

    static RequestSpecification as(String role) {
        return given().header("Authorization", "Bearer " + TestTokens.forRole(role));
    }

    static RequestSpecification withToken(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    /** Logs in and answers the token. */
    static String login(String username, String password) {
        return given().contentType("application/json").body("{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}")
                .post("/api/admin/login").then().statusCode(200).extract().path("token");
    }

    static int loginStatus(String username, String password) {
        return given().contentType("application/json").body("{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}")
                .post("/api/admin/login").statusCode();
    }

    static void userExists(String username, String password, String role) {
        int status = as("admin").contentType("application/json")
                .body("{\"username\": \"" + username + "\", \"password\": \"" + password + "\", \"role\": \"" + role + "\"}")
                .post("/api/admin/users").statusCode();
        if (status != 201) {
            throw new AssertionError("creating " + username + " answered " + status);
        }
    }
}
