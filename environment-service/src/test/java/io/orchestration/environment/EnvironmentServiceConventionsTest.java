package io.orchestration.environment;

import io.orchestration.environment.support.TestCatalogue;
import io.orchestration.testing.ServiceConventionsTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;

@QuarkusTest
@WithTestResource(TestCatalogue.class)
class EnvironmentServiceConventionsTest extends ServiceConventionsTest {

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
