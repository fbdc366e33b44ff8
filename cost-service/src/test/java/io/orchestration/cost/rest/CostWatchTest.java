package io.orchestration.cost.rest;

import io.agroal.api.AgroalDataSource;
import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.cost.support.FocusFile;
import io.orchestration.testing.KafkaTopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static io.orchestration.cost.support.CostApi.as;
import static io.orchestration.cost.support.CostApi.environmentExists;
import static io.orchestration.cost.support.CostApi.uniqueEnvironment;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Budgets, anomalies and region violations: each fires one event, and repeating the costs fires none again. */
@QuarkusTest
class CostWatchTest {

    private static final String BUDGETED = uniqueEnvironment("watch-budget");
    private static final String WATCHED = uniqueEnvironment("watch-eu");
    private static boolean environmentsKnown;

    @Inject
    AgroalDataSource db;

    @BeforeEach
    void environmentsArriveAsEvents() throws Exception {
        if (!environmentsKnown) {
            environmentExists(db, BUDGETED, "gcp", "gke-" + BUDGETED, "{}");
            environmentExists(db, WATCHED, "aws", "eks-" + WATCHED, "{\"denied\": [\"us-east-1\", \"us-west-2\"]}");
            environmentsKnown = true;
        }
    }

    private static void spend(String environment, LocalDate day, String amount) {
        as("operator").contentType("application/json").body("""
                {"environment": "%s", "provider": "gcp", "resourceType": "compute", "date": "%s", "amount": %s}"""
                .formatted(environment, day, amount)).post("/api/costs").then().statusCode(201);
    }

    private static List<ConsumerRecord<String, String>> ofType(List<ConsumerRecord<String, String>> records, String type, String subject) {
        return records.stream().filter(r -> type.equals(KafkaTopicProbe.header(r, "ce_type"))
                && (subject == null || subject.equals(KafkaTopicProbe.header(r, "ce_subject")))).toList();
    }

    @Test
    void eachBudgetThresholdFiresOncePerPeriod() {
        LocalDate day = LocalDate.of(2023, 7, 3);
        String budgetId = as("operator").contentType("application/json").body("""
                {"name": "GKE July", "environment": "%s", "amount": 100, "currency": "USD", "thresholds": [0.5, 1]}""".formatted(BUDGETED))
                .post("/api/budgets").then().statusCode(201)
                .body("period", equalTo("monthly"))
                .extract().path("id");
        try (KafkaTopicProbe events = KafkaTopicProbe.watch(Topics.COST)) {
            spend(BUDGETED, day, "40");
            spend(BUDGETED, day.plusDays(1), "20");
            spend(BUDGETED, day.plusDays(2), "10");
            spend(BUDGETED, day.plusDays(3), "50");
            spend(BUDGETED, day.plusDays(4), "5");
            spend(BUDGETED, day.plusMonths(1), "60");
            List<ConsumerRecord<String, String>> crossings = ofType(events.recordsWithin(Duration.ofSeconds(4)),
                    EventTypes.COST_BUDGET_THRESHOLD_CROSSED, budgetId);
            assertEquals(3, crossings.size(), "0.5 and 1 in July, 0.5 in August: " + crossings.stream().map(ConsumerRecord::value).toList());
            JsonPath half = new JsonPath(crossings.get(0).value());
            assertEquals(0.5f, half.getFloat("threshold"));
            assertEquals(60.0f, half.getFloat("amount"));
            assertEquals(100.0f, half.getFloat("limit"));
            assertEquals(BUDGETED, half.getString("environment"));
            assertEquals("2023-07-01", half.getString("periodStart"));
            JsonPath full = new JsonPath(crossings.get(1).value());
            assertEquals(1.0f, full.getFloat("threshold"));
            assertEquals(120.0f, full.getFloat("amount"));
            assertEquals("2023-08-01", new JsonPath(crossings.get(2).value()).getString("periodStart"));
        }
        as("viewer").get("/api/budgets/{id}?day=2023-07-15", budgetId).then().statusCode(200)
                .body("spent", equalTo(125.0f)).body("ratio", equalTo(1.25f));
        as("operator").delete("/api/budgets/{id}", budgetId).then().statusCode(204);
        as("viewer").get("/api/budgets/{id}", budgetId).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aChangedLimitIsCheckedAgainAtOnceWhileARenameKeepsWhatWasCrossed() throws Exception {
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        String environment = uniqueEnvironment("watch-edit");
        environmentExists(db, environment, "gcp", "gke-" + environment, "{}");
        String budgetId = as("operator").contentType("application/json").body("""
                {"name": "edit me", "environment": "%s", "amount": 1000, "currency": "USD", "thresholds": [0.5, 1]}""".formatted(environment))
                .post("/api/budgets").then().statusCode(201).extract().path("id");
        spend(environment, today, "60");
        try (KafkaTopicProbe events = KafkaTopicProbe.watch(Topics.COST)) {
            as("operator").contentType("application/json").body("""
                    {"name": "renamed", "environment": "%s", "amount": 1000, "currency": "USD", "thresholds": [0.5, 1]}""".formatted(environment))
                    .put("/api/budgets/{id}", budgetId).then().statusCode(200).body("name", equalTo("renamed"));
            as("operator").contentType("application/json").body("""
                    {"name": "renamed", "environment": "%s", "amount": 100, "currency": "USD", "thresholds": [0.5, 1]}""".formatted(environment))
                    .put("/api/budgets/{id}", budgetId).then().statusCode(200)
                    .body("amount", equalTo(100.0f)).body("spent", equalTo(60.0f)).body("ratio", equalTo(0.6f));
            as("operator").contentType("application/json").body("""
                    {"name": "renamed again", "environment": "%s", "amount": 100, "currency": "USD", "thresholds": [0.5, 1]}""".formatted(environment))
                    .put("/api/budgets/{id}", budgetId).then().statusCode(200);
            List<ConsumerRecord<String, String>> crossings = ofType(events.recordsWithin(Duration.ofSeconds(4)),
                    EventTypes.COST_BUDGET_THRESHOLD_CROSSED, budgetId);
            assertEquals(1, crossings.size(), "60 of a new limit of 100 crosses 0.5 once; the renames fire nothing: "
                    + crossings.stream().map(ConsumerRecord::value).toList());
            assertEquals(0.5f, new JsonPath(crossings.get(0).value()).getFloat("threshold"));
        }
        as("operator").contentType("application/json").body("{\"name\": \"x\", \"provider\": \"aws\", \"amount\": 5}")
                .put("/api/budgets/{id}", java.util.UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        as("viewer").contentType("application/json").body("{\"name\": \"x\", \"provider\": \"aws\", \"amount\": 5}")
                .put("/api/budgets/{id}", budgetId).then().statusCode(403);
        as("operator").contentType("application/json").body("{\"name\": \"x\", \"amount\": 5}")
                .put("/api/budgets/{id}", budgetId).then().statusCode(400).contentType("application/problem+json");
        as("viewer").get("/api/budgets/{id}", budgetId).then().statusCode(200).body("name", equalTo("renamed again"));
    }

    @Test
    void badBudgetsAreProblems() {
        as("operator").contentType("application/json").body("{\"name\": \"x\", \"amount\": 10}").post("/api/budgets")
                .then().statusCode(400).contentType("application/problem+json");
        as("operator").contentType("application/json").body("{\"name\": \"x\", \"provider\": \"aws\", \"amount\": -1}").post("/api/budgets")
                .then().statusCode(400).contentType("application/problem+json");
        as("operator").contentType("application/json").body("{\"name\": \"x\", \"provider\": \"aws\", \"amount\": 5, \"currency\": \"XYZ\"}")
                .post("/api/budgets").then().statusCode(400).contentType("application/problem+json");
        as("viewer").contentType("application/json").body("{\"name\": \"x\", \"provider\": \"aws\", \"amount\": 5}").post("/api/budgets")
                .then().statusCode(403);
    }

    @Test
    void aDayFarAboveItsTrailingNormAndAResourceInADeniedRegionEachFireOnceAcrossReimports() {
        LocalDate first = LocalDate.of(2023, 9, 1);
        FocusFile file = new FocusFile();
        for (int d = 0; d < 21; d++) {
            String amount = d == 20 ? "95.00" : (10 + d % 3) + ".00";
            file.row(new FocusFile.Row(amount, "USD", first.plusDays(d), "AWS", "aws", "Compute", "i-steady", "eu-central-1",
                    "{\"environment\": \"" + WATCHED + "\"}", WATCHED));
            file.row(new FocusFile.Row("1.00", "USD", first.plusDays(d), "AWS", "aws", "Storage", "vol-us", "us-east-1",
                    "{\"environment\": \"" + WATCHED + "\"}", WATCHED));
        }
        LocalDate spike = first.plusDays(20);
        try (KafkaTopicProbe events = KafkaTopicProbe.watch(Topics.COST)) {
            as("operator").contentType("text/csv").body(file.text()).post("/api/costs/imports?onError=reject").then().statusCode(201);
            as("operator").contentType("text/csv").body(file.text()).post("/api/costs/imports?onError=reject").then().statusCode(201);
            List<ConsumerRecord<String, String>> seen = events.recordsWithin(Duration.ofSeconds(4));

            List<ConsumerRecord<String, String>> anomalies = ofType(seen, EventTypes.COST_ANOMALY_DETECTED, WATCHED);
            assertEquals(1, anomalies.size(), anomalies.stream().map(ConsumerRecord::value).toList().toString());
            JsonPath anomaly = new JsonPath(anomalies.get(0).value());
            assertEquals(spike.toString(), anomaly.getString("date"));
            assertEquals(96.0f, anomaly.getFloat("amount"));
            assertTrue(anomaly.getFloat("expected") > 11 && anomaly.getFloat("expected") < 12, anomalies.get(0).value());
            assertTrue(anomaly.getFloat("deviation") > 7);

            List<ConsumerRecord<String, String>> violations = ofType(seen, EventTypes.COST_REGION_VIOLATION, "vol-us");
            assertEquals(1, violations.size());
            JsonPath violation = new JsonPath(violations.get(0).value());
            assertEquals(WATCHED, violation.getString("environment"));
            assertEquals("us-east-1", violation.getString("region"));
            assertEquals(List.of("us-east-1", "us-west-2"), violation.getList("denied"));
            assertEquals(2, ofType(seen, EventTypes.COST_UPDATED, null).stream().filter(r -> WATCHED.equals(r.key())).count());
        }

        JsonPath usage = as("viewer").get("/api/costs/region-usage?from=2023-09-01&to=2023-09-21").then().statusCode(200).extract().jsonPath();
        assertEquals(21.0f, usage.getFloat("regions.find { it.region == 'us-east-1' }.cost"));
        List<String> violating = usage.getList("violations.findAll { it.environment == '" + WATCHED + "' }.resourceId");
        assertEquals(List.of("vol-us"), violating);
        assertEquals(21.0f, usage.getFloat("violations.find { it.environment == '" + WATCHED + "' }.cost"));
    }
}
