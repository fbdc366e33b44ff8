package io.orchestration.cost;

import io.agroal.api.AgroalDataSource;
import io.orchestration.cost.support.FocusFile;
import io.orchestration.testing.AuditSweep;
import io.orchestration.testing.ServiceConventionsTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.orchestration.cost.support.CostApi.environmentExists;

@QuarkusTest
class CostServiceConventionsTest extends ServiceConventionsTest {

    @Inject
    AgroalDataSource db;

    @Override
    protected Map<String, AuditSweep.Sample> auditSamples() throws Exception {
        String environment = "audit-sweep-" + UUID.randomUUID().toString().substring(0, 8);
        environmentExists(db, environment, "aws", "eks-" + environment, "{}");
        String[] budget = new String[1];
        // A day of its own, far from the other tests' periods: an import replaces the period it covers.
        LocalDate day = LocalDate.of(1999, 1, 1).plusDays(Math.floorMod(environment.hashCode(), 3000));
        String file = new FocusFile().row(new FocusFile.Row("1.25", "USD", day, "AWS", "aws", "Compute", "i-sweep",
                "eu-central-1", "{\"environment\": \"" + environment + "\"}", environment)).text();
        Map<String, AuditSweep.Sample> samples = new LinkedHashMap<>();
        samples.put("POST /api/costs", AuditSweep.Sample.of(call -> call.contentType("application/json").body("""
                {"environment": "%s", "provider": "aws", "resourceType": "compute", "date": "%s", "amount": 1}"""
                .formatted(environment, day)).post("/api/costs")).as("operator"));
        samples.put("POST /api/costs/imports", AuditSweep.Sample.of(call -> call.contentType("text/csv").body(file)
                .post("/api/costs/imports?onError=reject")).as("operator"));
        samples.put("POST /api/budgets", AuditSweep.Sample.of(call -> {
            var answer = call.contentType("application/json").body("""
                    {"name": "sweep", "environment": "%s", "amount": 100, "currency": "USD", "thresholds": [0.8, 1]}"""
                    .formatted(environment)).post("/api/budgets");
            budget[0] = answer.path("id");
            return answer;
        }).as("operator"));
        samples.put("PUT /api/budgets/{id}", AuditSweep.Sample.of(call -> call.contentType("application/json").body("""
                {"name": "sweep renamed", "environment": "%s", "amount": 100, "currency": "USD", "thresholds": [0.8, 1]}"""
                .formatted(environment)).put("/api/budgets/{id}", budget[0])).as("operator"));
        samples.put("DELETE /api/budgets/{id}", AuditSweep.Sample.of(call -> call.delete("/api/budgets/{id}", budget[0])).as("operator"));
        return samples;
    }

    /** The environment projection follows environment-events, which other tests publish to while this one runs. */
    @Override
    protected Set<String> tablesChangedInTheBackground() {
        return Set.of("environment_ref");
    }
}
