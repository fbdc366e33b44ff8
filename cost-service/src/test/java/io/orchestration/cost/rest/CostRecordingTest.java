package io.orchestration.cost.rest;

import io.agroal.api.AgroalDataSource;
import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.testing.KafkaTopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static io.orchestration.cost.support.CostApi.as;
import static io.orchestration.cost.support.CostApi.count;
import static io.orchestration.cost.support.CostApi.environmentExists;
import static io.orchestration.cost.support.CostApi.rate;
import static io.orchestration.cost.support.CostApi.uniqueEnvironment;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Costs entered by hand and read back: lists with filters and paging, summaries in one currency, trends, forecast, bad input. */
@QuarkusTest
class CostRecordingTest {

    private static final String EU = uniqueEnvironment("cost-eu");
    private static final String LAB = uniqueEnvironment("cost-lab");
    private static final LocalDate DAY = LocalDate.of(2025, 3, 10);
    private static boolean environmentsKnown;

    @Inject
    AgroalDataSource db;

    @BeforeEach
    void environmentsArriveAsEvents() throws Exception {
        if (!environmentsKnown) {
            environmentExists(db, EU, "aws", "eks-" + EU, "{\"allowed\": [\"eu-central-1\"]}");
            environmentExists(db, LAB, "azure", "aks-" + LAB, "{}");
            environmentsKnown = true;
        }
    }

    private static String cost(String environment, String provider, String type, LocalDate day, String amount, String currency) {
        return """
                {"environment": "%s", "provider": "%s", "resourceType": "%s", "date": "%s", "amount": %s, "currency": "%s",
                 "serviceCategory": "%s"}""".formatted(environment, provider, type, day, amount, currency,
                type.equals("compute") ? "Compute" : "Storage");
    }

    private static void record(String body) {
        as("operator").contentType("application/json").body(body).post("/api/costs").then().statusCode(201);
    }

    @Test
    void summaryConvertsEveryCurrencyAndBreaksDownByProviderEnvironmentAndType() {
        try (KafkaTopicProbe events = KafkaTopicProbe.watch(Topics.COST)) {
            as("operator").contentType("application/json").body(cost(EU, "AWS", "compute", DAY, "100.50", "USD")).post("/api/costs")
                    .then().statusCode(201)
                    .body("environment", equalTo(EU))
                    .body("provider", equalTo("aws"))
                    .body("source", equalTo("manual"))
                    .body("createdBy", equalTo("test-operator"));
            events.awaitRecord(r -> EventTypes.COST_UPDATED.equals(KafkaTopicProbe.header(r, "ce_type")) && EU.equals(r.key()),
                    Duration.ofSeconds(10));
        }
        record(cost(EU, "aws", "storage", DAY.plusDays(1), "20", "EUR"));
        record(cost(LAB, "azure", "compute", DAY.plusDays(2), "7.25", "GBP"));

        BigDecimal eur = rate("EUR");
        BigDecimal gbp = rate("GBP");
        BigDecimal euTotal = new BigDecimal("100.50").add(new BigDecimal("20").multiply(eur));
        BigDecimal labTotal = new BigDecimal("7.25").multiply(gbp);

        JsonPath eu = as("viewer").get("/api/costs/summary?environment={e}&from=2025-03-01&to=2025-03-31", EU)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("USD", eu.getString("currency"));
        assertEquals(money(euTotal), eu.getDouble("total"), 0.001);
        assertEquals(money(euTotal), eu.getDouble("byProvider.aws"), 0.001);
        assertEquals(100.50, eu.getDouble("byResourceType.compute"), 0.001);
        assertEquals(money(new BigDecimal("20").multiply(eur)), eu.getDouble("byResourceType.storage"), 0.001);
        assertEquals(money(new BigDecimal("20").multiply(eur)), eu.getDouble("byServiceCategory.Storage"), 0.001);

        JsonPath inEuro = as("viewer").get("/api/costs/summary?environment={e}&from=2025-03-01&to=2025-03-31&currency=EUR", LAB)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("EUR", inEuro.getString("currency"));
        assertEquals(money(labTotal.divide(eur, 10, RoundingMode.HALF_EVEN)), inEuro.getDouble("total"), 0.001);
        assertEquals(money(labTotal.divide(eur, 10, RoundingMode.HALF_EVEN)), ((Number) inEuro.getMap("byEnvironment").get(LAB)).doubleValue(), 0.011);
    }

    @Test
    void listFiltersByEnvironmentTypeAndDaysAndPages() {
        String env = EU;
        LocalDate day = LocalDate.now(java.time.ZoneOffset.UTC).minusDays(3);
        for (int i = 0; i < 3; i++) {
            record(cost(env, "aws", "network", day.minusDays(i), "1." + i, "USD"));
        }
        record(cost(env, "aws", "network", day.minusDays(60), "9", "USD"));

        as("viewer").get("/api/costs?environment={e}&resourceType=network&days=30&size=2", env).then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.size()", equalTo(2))
                .body("items[0].date", equalTo(day.toString()));
        as("viewer").get("/api/costs?environment={e}&resourceType=network&days=90&size=2&page=1", env).then().statusCode(200)
                .body("total", equalTo(4))
                .body("items.size()", equalTo(2));
        as("viewer").get("/api/environments/{e}/costs?days=90", env).then().statusCode(200)
                .body("items.findAll { it.resourceType == 'network' }.size()", equalTo(4));

        JsonPath trend = as("viewer").get("/api/costs/trends?environment={e}&resourceType=network&days=30", env)
                .then().statusCode(200).extract().jsonPath();
        List<Object> series = trend.getList("series");
        assertEquals(30, series.size());
        assertEquals(1.0 + 1.1 + 1.2, trend.getDouble("total"), 0.001);
        assertEquals(1.0, trend.getDouble("series.find { it.date == '" + day + "' }.amount"), 0.001);
    }

    @Test
    void forecastAddsTheTrailingDailyAverageForEveryDayLeft() {
        String env = uniqueEnvironment("none");
        LocalDate asOf = LocalDate.of(2025, 4, 10);
        // Ten days of 10, 20, ..., 100 in a scope of its own (provider names a made-up one).
        String provider = "forecast-" + env;
        for (int i = 1; i <= 10; i++) {
            record("""
                    {"provider": "%s", "resourceType": "compute", "date": "2025-04-%02d", "amount": %d}""".formatted(provider, i, i * 10));
        }
        double trailing = (40 + 50 + 60 + 70 + 80 + 90 + 100) / 7.0;
        as("viewer").get("/api/costs/forecast?provider={p}&asOf={d}", provider, asOf.toString()).then().statusCode(200)
                .body("month", equalTo("2025-04"))
                .body("monthToDate", equalTo(550.0f))
                .body("daysRemaining", equalTo(20))
                .body("forecast", equalTo((float) money(BigDecimal.valueOf(550 + trailing * 20))));
    }

    @Test
    void badInputIsAProblemAndWritesNothing() {
        long before = count(db, "select count(*) from cost_record");
        as("operator").contentType("application/json").body(cost(EU, "aws", "compute", DAY, "1", "XYZ")).post("/api/costs")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("XYZ"));
        as("operator").contentType("application/json").body(cost(EU, "aws", "spaceship", DAY, "1", "USD")).post("/api/costs")
                .then().statusCode(400).contentType("application/problem+json");
        as("operator").contentType("application/json").body(cost(EU, "aws", "compute", DAY, "\"lots\"", "USD")).post("/api/costs")
                .then().statusCode(400).contentType("application/problem+json");
        as("operator").contentType("application/json").body(cost("no-such-env", "aws", "compute", DAY, "1", "USD")).post("/api/costs")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("no-such-env"));
        as("operator").contentType("application/json").body("{\"provider\": \"aws\"}").post("/api/costs")
                .then().statusCode(400).contentType("application/problem+json");
        as("viewer").contentType("application/json").body(cost(EU, "aws", "compute", DAY, "1", "USD")).post("/api/costs")
                .then().statusCode(403);
        assertEquals(before, count(db, "select count(*) from cost_record"));

        as("viewer").get("/api/costs?days=45").then().statusCode(400).contentType("application/problem+json");
        as("viewer").get("/api/costs?from=2025-05-02&to=2025-05-01").then().statusCode(400).contentType("application/problem+json");
        as("viewer").get("/api/costs?from=yesterday").then().statusCode(400).contentType("application/problem+json");
        as("viewer").get("/api/costs?resourceType=spaceship").then().statusCode(400).contentType("application/problem+json");
        as("viewer").get("/api/costs/summary?currency=XYZ").then().statusCode(400).contentType("application/problem+json");
    }

    private static double money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    }
}
