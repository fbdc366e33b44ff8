package io.orchestration.environment.support;

import io.orchestration.testing.TestTokens;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** Requests as the portal's users make them: with a bearer token for a role, or with none. */
public final class Callers {

    private Callers() {
    }

    public static RequestSpecification asAdmin() {
        return asRole("admin");
    }

    public static RequestSpecification asRole(String role) {
        return given().header("Authorization", TestTokens.bearer(TestTokens.forRole(role)));
    }

    public static RequestSpecification anonymous() {
        return given();
    }
}
