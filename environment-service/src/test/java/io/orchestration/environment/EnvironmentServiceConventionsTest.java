package io.orchestration.environment;

import io.orchestration.environment.support.TestCatalogue;
import io.orchestration.testing.AuditSweep;
import io.orchestration.testing.ServiceConventionsTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.orchestration.environment.support.EnvironmentBodies.labEnvironment;
import static io.restassured.RestAssured.given;
import static io.restassured.http.ContentType.JSON;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;

@QuarkusTest
@WithTestResource(TestCatalogue.class)
class EnvironmentServiceConventionsTest extends ServiceConventionsTest {

    private static final String ADMIN = "/api/admin/environments";

    @Override
    protected Map<String, AuditSweep.Sample> auditSamples() throws Exception {
        String name = "audit-sweep-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, AuditSweep.Sample> samples = new LinkedHashMap<>();
        samples.put("POST " + ADMIN, AuditSweep.Sample.of(call -> call.contentType(JSON).body(labEnvironment(name)).post(ADMIN)));
        samples.put("PUT " + ADMIN + "/{name}", AuditSweep.Sample.of(call -> call.contentType(JSON).body(labEnvironment(name)).put(ADMIN + "/" + name)));
        samples.put("PUT " + ADMIN + "/{name}/toggle", AuditSweep.Sample.of(call -> call.put(ADMIN + "/" + name + "/toggle")));
        samples.put("DELETE " + ADMIN + "/{name}", AuditSweep.Sample.of(call -> call.delete(ADMIN + "/" + name)));
        samples.put("POST " + ADMIN + "/reload", AuditSweep.Sample.of(call -> call.post(ADMIN + "/reload")));
        return samples;
    }

    @Test
    void readinessChecksPostgresqlAndKafka() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.name", hasItems("Reactive PostgreSQL connections health check",
                        "SmallRye Reactive Messaging - readiness check"))
                .body("checks.status", everyItem(equalTo("UP")));
    }

    @Test
    void openApiDescribesTheEnvironmentEndpoints() {
        given().accept("application/json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths", hasKey("/api/environments"))
                .body("paths", hasKey("/api/environments/{name}"))
                .body("paths", hasKey("/api/admin/environments/{name}/toggle"))
                .body("paths", hasKey("/api/admin/environments/reload"));
    }
}
