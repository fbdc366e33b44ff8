package io.orchestration.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orchestration.testing.AuditSweep;
import io.orchestration.testing.ServiceConventionsTest;
import io.orchestration.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;

@QuarkusTest
class AdminServiceConventionsTest extends ServiceConventionsTest {

    @Override
    protected Set<String> publicOperations() {
        return Set.of("POST /api/admin/login");
    }

    @Override
    protected Map<String, AuditSweep.Sample> auditSamples() {
        String user = "sweep-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, AuditSweep.Sample> samples = new LinkedHashMap<>();
        samples.put("POST /api/admin/users", AuditSweep.Sample.of(call -> call.contentType("application/json")
                .body("{\"username\": \"" + user + "\", \"password\": \"first password 123\", \"role\": \"viewer\"}").post("/api/admin/users")));
        samples.put("PATCH /api/admin/users/{username}", AuditSweep.Sample.of(call -> call.contentType("application/json")
                .body("{\"role\": \"operator\"}").patch("/api/admin/users/{u}", user)));
        samples.put("POST /api/admin/users/{username}/password", AuditSweep.Sample.of(call -> call.contentType("application/json")
                .body("{\"password\": \"second password 456\"}").post("/api/admin/users/{u}/password", user)));
        // A login has no caller token: its record names the user who logged in.
        samples.put("POST /api/admin/login", AuditSweep.Sample.anonymous(user, call -> call.contentType("application/json")
                .body("{\"username\": \"" + user + "\", \"password\": \"second password 456\"}").post("/api/admin/login")));
        samples.put("POST /api/admin/logout", AuditSweep.Sample.of(call -> call.post("/api/admin/logout")).as("viewer"));
        samples.put("PUT /api/admin/services/{name}", AuditSweep.Sample.of(call -> call.contentType("application/json")
                .body("{\"enabled\": true, \"config\": " + currentConfig("/api/admin/services/firefly") + "}").put("/api/admin/services/firefly")));
        samples.put("PUT /api/admin/providers/{name}", AuditSweep.Sample.of(call -> call.contentType("application/json")
                .body("{\"enabled\": true, \"config\": " + currentConfig("/api/admin/providers/gcp") + "}").put("/api/admin/providers/gcp")));
        return samples;
    }

    /** The stored configuration, so the sweep's update changes nothing other tests rely on. */
    private static String currentConfig(String path) {
        Map<String, Object> config = given().header("Authorization", TestTokens.bearer(TestTokens.forRole("admin"))).get(path)
                .then().statusCode(200).extract().jsonPath().getMap("config");
        try {
            return new ObjectMapper().writeValueAsString(config == null ? Map.of() : config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
