package io.orchestration.deployment;

import io.orchestration.testing.AuditSweep;
import io.orchestration.testing.ServiceConventionsTest;
import io.quarkus.test.junit.QuarkusTest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static io.orchestration.deployment.support.DeploymentApi.awaitStatus;
import static io.orchestration.deployment.support.DeploymentApi.deploy;
import static io.orchestration.deployment.support.DeploymentApi.environmentExists;
import static io.orchestration.deployment.support.DeploymentApi.uniqueEnvironment;

@QuarkusTest
class DeploymentServiceConventionsTest extends ServiceConventionsTest {

    private static final String ROLLING = "{\"version\":\"%s\",\"strategy\":\"rolling\"}";

    @Override
    protected Map<String, AuditSweep.Sample> auditSamples() throws Exception {
        String environment = uniqueEnvironment("audit-sweep");
        // Nothing answers at its besuRpc: the health check reports the chain unreachable, which is an answer too.
        environmentExists(environment, true, true, "{\"besuRpc\": \"http://127.0.0.1:9/\"}");
        String[] swept = new String[1];
        Map<String, AuditSweep.Sample> samples = new LinkedHashMap<>();
        samples.put("POST /api/deployments/{id}/abort", AuditSweep.Sample.of(call -> {
            String running = deploy(environment, ROLLING.formatted("1.0.0"));
            return call.post("/api/deployments/{id}/abort", running);
        }).as("operator"));
        samples.put("POST /api/environments/{name}/deploy", AuditSweep.Sample.of(call -> {
            var answer = call.contentType("application/json").body(ROLLING.formatted("1.0.1"))
                    .post("/api/environments/{name}/deploy", environment);
            swept[0] = answer.path("id");
            awaitStatus(swept[0], "deploying");
            return answer;
        }).as("operator"));
        samples.put("POST /api/deployments/{id}/rollback", AuditSweep.Sample.of(call -> call.post("/api/deployments/{id}/rollback", swept[0]))
                .as("operator"));
        samples.put("POST /api/environments/{name}/health-check", AuditSweep.Sample.of(call -> call.post("/api/environments/{name}/health-check", environment))
                .as("operator"));
        return samples;
    }

    /** The environment projection follows environment-events, which other tests publish to while this one runs. */
    @Override
    protected Set<String> tablesChangedInTheBackground() {
        return Set.of("environment_ref");
    }
}
