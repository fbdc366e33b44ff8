package io.orchestration.cost.rest;

import io.agroal.api.AgroalDataSource;
import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.cost.support.FocusFile;
import io.orchestration.testing.CloudEventPublisher;
import io.orchestration.testing.KafkaTopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static io.orchestration.cost.support.CostApi.as;
import static io.orchestration.cost.support.CostApi.awaitUntil;
import static io.orchestration.cost.support.CostApi.environment;
import static io.orchestration.cost.support.CostApi.environmentExists;
import static io.orchestration.cost.support.CostApi.uniqueEnvironment;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An environment's region policy changing on environment-events re-judges the costs already held for it: each
 * resource newly outside the policy is one event, however often the change is delivered, and a resource the new
 * policy allows leaves the region usage report.
 */
@QuarkusTest
class RegionPolicyRescanTest {

    private static final String ENVIRONMENT = uniqueEnvironment("rescan");
    private static final String USAGE = "/api/costs/region-usage?from=2023-11-01&to=2023-11-03";

    @Inject
    AgroalDataSource db;

    @Test
    void aPolicyChangeFlagsEachNewViolationOnceAndDropsTheOnesItNowAllows() throws Exception {
        environmentExists(db, ENVIRONMENT, "aws", "eks-" + ENVIRONMENT, "{}");
        FocusFile file = new FocusFile();
        for (int d = 0; d < 3; d++) {
            LocalDate day = LocalDate.of(2023, 11, 1).plusDays(d);
            String tags = "{\"environment\": \"" + ENVIRONMENT + "\"}";
            file.row(new FocusFile.Row("4.00", "USD", day, "AWS", "aws", "Compute", "vm-us", "us-east-1", tags, ENVIRONMENT));
            file.row(new FocusFile.Row("2.00", "USD", day, "AWS", "aws", "Compute", "vm-eu", "eu-west-1", tags, ENVIRONMENT));
        }
        as("operator").contentType("text/csv").body(file.text()).post("/api/costs/imports?onError=reject").then().statusCode(201);
        assertEquals(List.of(), violatingResources(), "an open policy allows every region");

        try (KafkaTopicProbe events = KafkaTopicProbe.watch(Topics.COST); CloudEventPublisher kafka = new CloudEventPublisher()) {
            String denyUs = environment(ENVIRONMENT, "aws", "eks-" + ENVIRONMENT, "{\"denied\": [\"us-east-1\"]}");
            String change = kafka.publish(Topics.ENVIRONMENT, ENVIRONMENT, EventTypes.ENVIRONMENT_UPDATED, ENVIRONMENT, denyUs);
            awaitUntil(() -> violatingResources().equals(List.of("vm-us")), "vm-us to violate the new policy");
            kafka.publish(change, Topics.ENVIRONMENT, ENVIRONMENT, EventTypes.ENVIRONMENT_UPDATED, ENVIRONMENT, denyUs);
            kafka.publish(Topics.ENVIRONMENT, ENVIRONMENT, EventTypes.ENVIRONMENT_SNAPSHOT, ENVIRONMENT, denyUs);
            List<ConsumerRecord<String, String>> flagged = violationsOf(events.recordsWithin(Duration.ofSeconds(5)));
            assertEquals(List.of("vm-us"), flagged.stream().map(r -> KafkaTopicProbe.header(r, "ce_subject")).toList(),
                    "one event, though the change came three times");
            JsonPath violation = new JsonPath(flagged.get(0).value());
            assertEquals("us-east-1", violation.getString("region"));
            assertEquals(List.of("us-east-1"), violation.getList("denied"));

            kafka.publish(Topics.ENVIRONMENT, ENVIRONMENT, EventTypes.ENVIRONMENT_UPDATED, ENVIRONMENT,
                    environment(ENVIRONMENT, "aws", "eks-" + ENVIRONMENT, "{\"allowed\": [\"us-east-1\"]}"));
            awaitUntil(() -> violatingResources().equals(List.of("vm-eu")), "vm-us to be allowed and vm-eu to violate");
            List<ConsumerRecord<String, String>> next = violationsOf(events.recordsWithin(Duration.ofSeconds(3)));
            assertEquals(List.of("vm-eu"), next.stream().map(r -> KafkaTopicProbe.header(r, "ce_subject")).toList());
        }
        assertEquals(6.0f, as("viewer").get(USAGE).then().statusCode(200).extract().jsonPath()
                .getFloat("violations.find { it.environment == '" + ENVIRONMENT + "' }.cost"));
    }

    private List<String> violatingResources() {
        return as("viewer").get(USAGE).then().statusCode(200).extract().jsonPath()
                .getList("violations.findAll { it.environment == '" + ENVIRONMENT + "' }.resourceId");
    }

    private static List<ConsumerRecord<String, String>> violationsOf(List<ConsumerRecord<String, String>> records) {
        return records.stream().filter(r -> EventTypes.COST_REGION_VIOLATION.equals(KafkaTopicProbe.header(r, "ce_type"))
                && ENVIRONMENT.equals(r.key())).toList();
    }
}
