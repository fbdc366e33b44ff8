package io.orchestration.testing;

import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every portal service must offer an operator, whatever its domain: readiness that checks its
 * real dependencies, OpenAPI, Prometheus metrics, and problem+json for paths it does not serve.
 * Each service runs it with {@code @QuarkusTest class XServiceConventionsTest extends ServiceConventionsTest {}}.
 */
public abstract class ServiceConventionsTest {

    /** The operations of this service anyone may call without a token, as "METHOD /path" from its OpenAPI document. */
    protected Set<String> publicOperations() {
        return Set.of();
    }

    /** Whether the service has an API of its own; the gateway has none (it forwards /api to the services). */
    protected boolean servesOwnApi() {
        return true;
    }

    @Test
    public void everyOperationAnswersAsItsRolesSay() throws Exception {
        if (!servesOwnApi()) {
            RestAssured.given().accept("application/json").get("/q/openapi").then().body("paths.size()", equalTo(0));
            return;
        }
        List<String> mismatches = AuthMatrix.mismatches(publicOperations());
        assertTrue(mismatches.isEmpty(), "The auth matrix does not hold:\n" + String.join("\n", mismatches));
    }

    /**
     * A call that succeeds for every mutating operation of the service's OpenAPI document, keyed "METHOD /path" as
     * the document writes it, in an order in which each works (a LinkedHashMap); the audit sweep runs them.
     */
    protected Map<String, AuditSweep.Sample> auditSamples() throws Exception {
        return Map.of();
    }

    @Test
    public void everyMutatingOperationLeavesOneAuditRecord() throws Exception {
        if (!servesOwnApi()) {
            return;
        }
        List<String> shortfalls = AuditSweep.shortfalls(auditSamples());
        assertTrue(shortfalls.isEmpty(), "The audit trail falls short:\n" + String.join("\n", shortfalls));
    }

    @Test
    public void readinessIsUpWithItsDependencies() {
        RestAssured.given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    public void servesOpenApiDescription() {
        RestAssured.given().accept("application/json").get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", startsWith("3."));
    }

    @Test
    public void exposesPrometheusMetrics() {
        RestAssured.given().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    public void unknownApiPathIsAProblem() {
        RestAssured.given().header("Authorization", TestTokens.bearer(TestTokens.forRole("admin")))
                .get("/api/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    public void oversizedBodyIsA413Problem() {
        RestAssured.given().header("Authorization", TestTokens.bearer(TestTokens.forRole("admin")))
                .contentType("application/json")
                .body("{\"padding\":\"" + "x".repeat(1_100_000) + "\"}")
                .post("/api/no-such-thing")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
    }
}
