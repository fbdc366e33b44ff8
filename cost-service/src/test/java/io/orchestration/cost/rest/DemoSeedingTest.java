package io.orchestration.cost.rest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static io.orchestration.cost.support.CostApi.as;
import static io.orchestration.cost.support.CostApi.awaitUntil;
import static io.orchestration.cost.support.CostApi.count;
import static io.orchestration.cost.support.CostApi.environmentExists;
import static io.orchestration.cost.support.CostApi.uniqueEnvironment;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Demo data as the local profile seeds it: only while the database holds no real costs, 30 days for
 * every environment, labelled demo. This class empties its own test database's costs to get there.
 */
@QuarkusTest
@TestProfile(DemoSeedingTest.DemoEnabled.class)
class DemoSeedingTest {

    public static class DemoEnabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cost.demo.enabled", "true");
        }
    }

    @Inject
    AgroalDataSource db;

    @Test
    void everyEnvironmentGetsThirtyDemoDaysOnlyWhileNoRealCostsExist() throws Exception {
        as("operator").contentType("application/json").body("""
                {"provider": "aws", "resourceType": "compute", "date": "2023-01-01", "amount": 1}""").post("/api/costs").then().statusCode(201);
        String before = uniqueEnvironment("demo-before");
        environmentExists(db, before, "azure", "aks-" + before, "{\"allowed\": [\"westeurope\"]}");
        Thread.sleep(6000);
        assertEquals(0, count(db, "select count(*) from cost_record where environment = ?", before), "real costs exist: no demo data");

        execute("delete from cost_record where source <> 'demo'");
        // One pass seeds every environment the shared environment-events topic has ever announced (over a thousand on a
        // long-used machine) in one transaction, so this waits longer than the default.
        awaitUntil(() -> count(db, "select count(*) from cost_record where environment = ?", before) == 120, "demo costs for " + before,
                Duration.ofSeconds(120));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertEquals(30, count(db, "select count(distinct usage_date) from cost_record where environment = ? and usage_date between ? and ?",
                before, today.minusDays(29), today));
        as("viewer").get("/api/costs?environment={e}&size=500", before).then().statusCode(200)
                .body("total", equalTo(120))
                .body("items.source", everyItem(equalTo("demo")))
                .body("items.region", everyItem(equalTo("westeurope")));

        as("operator").contentType("application/json").body("""
                {"provider": "aws", "resourceType": "compute", "date": "2023-01-01", "amount": 1}""").post("/api/costs").then().statusCode(201);
        String after = uniqueEnvironment("demo-after");
        environmentExists(db, after, "gcp", "gke-" + after, "{}");
        Thread.sleep(6000);
        assertEquals(0, count(db, "select count(*) from cost_record where environment = ?", after), "a real cost ends the seeding");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }
}
