package io.orchestration.alert.support;

import io.orchestration.testing.TestTokens;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;

/** Requests as the portal's users make them, and names no other test run uses. */
public final class Callers {

    private Callers() {
    }

    public static RequestSpecification as(String role) {
        return given().header("Authorization", TestTokens.bearer(TestTokens.forRole(role)));
    }

    public static RequestSpecification asUser(String user, String role) {
        return given().header("Authorization", TestTokens.bearer(TestTokens.forUser(user, role)));
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static void awaitUntil(BooleanSupplier condition, Duration within, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
        throw new AssertionError("Timed out after " + within + " waiting for " + what);
    }
}
