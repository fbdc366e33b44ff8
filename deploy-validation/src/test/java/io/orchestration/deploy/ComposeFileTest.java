package io.orchestration.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.orchestration.deploy.KustomizeOverlaysTest.assertHas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** docker-compose.yml satisfies the Compose schema and the portal's rules; a broken copy is caught. */
class ComposeFileTest {

    @Test
    void composeFileSatisfiesTheComposeSchema() {
        assertEquals(List.of(), ComposeRules.schemaViolations(ComposeRules.read()));
    }

    @Test
    void composeFileKeepsThePortalsRules() {
        assertEquals(List.of(), ComposeRules.violations(ComposeRules.read()));
    }

    @Test
    void aPropertyTheSchemaDoesNotKnowIsCaught() {
        ObjectNode compose = ComposeRules.read();
        ((ObjectNode) compose.path("services").path("alert-service")).set("healthcheck_", compose.path("services").path("alert-service").path("healthcheck"));
        assertFalse(ComposeRules.schemaViolations(compose).isEmpty(), "an unknown service property must fail the schema");
    }

    @Test
    void aMalformedDependencyIsCaughtByTheSchema() {
        ObjectNode compose = ComposeRules.read();
        ((ObjectNode) compose.path("services").path("gateway").path("depends_on").path("kafka")).put("condition", "whenever");
        assertFalse(ComposeRules.schemaViolations(compose).isEmpty(), "an unknown depends_on condition must fail the schema");
    }

    @Test
    void aServiceWithoutHealthCheckIsCaught() {
        ObjectNode compose = ComposeRules.read();
        ((ObjectNode) compose.path("services").path("cost-service")).remove("healthcheck");
        assertHas(ComposeRules.violations(compose), "cost-service has no health check");
    }

    @Test
    void waitingForAStartInsteadOfHealthIsCaught() {
        ObjectNode compose = ComposeRules.read();
        ((ObjectNode) compose.path("services").path("deployment-service").path("depends_on").path("postgres")).put("condition", "service_started");
        assertHas(ComposeRules.violations(compose), "deployment-service waits for postgres with 'service_started', not service_healthy");
    }

    @Test
    void aPublishedPortOtherThanTheGatewaysIsCaught() {
        ObjectNode compose = ComposeRules.read();
        ((ObjectNode) compose.path("services").path("postgres")).putArray("ports").add("5432:5432");
        assertHas(ComposeRules.violations(compose), "postgres publishes ports");
    }

    @Test
    void aServiceBuiltForAnotherPortIsCaught() {
        ObjectNode compose = ComposeRules.read();
        ((ObjectNode) compose.path("services").path("admin-service").path("build").path("args")).put("HTTP_PORT", "8080");
        assertHas(ComposeRules.violations(compose), "admin-service is built with HTTP_PORT \"8080\", not its port 8086");
    }

    @Test
    void anEnvironmentVariableNoServiceReadsIsCaught() {
        ObjectNode compose = ComposeRules.read();
        ((ObjectNode) compose.path("services").path("gateway").path("environment")).put("GATEWAY_SERVICE_ADMIN", "http://admin-service:8086");
        assertHas(ComposeRules.violations(compose), "gateway sets GATEWAY_SERVICE_ADMIN, which is no configuration key of the service");
    }
}
