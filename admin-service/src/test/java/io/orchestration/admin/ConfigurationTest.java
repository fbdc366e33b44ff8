package io.orchestration.admin;

import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.testing.KafkaTopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.orchestration.admin.AdminApi.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Service and provider configuration: seeded, validated, changed by admins, announced. */
@QuarkusTest
class ConfigurationTest {

    @Test
    void everyServiceAndProviderIsThereOutOfTheBox() {
        List<String> services = as("admin").get("/api/admin/services").then().statusCode(200).extract().path("name");
        assertEquals(List.of("besu", "cacti", "chainlink-ccip", "firefly"), services);
        List<String> providers = as("admin").get("/api/admin/providers").then().statusCode(200).extract().path("name");
        assertEquals(List.of("aws", "azure", "gcp", "ibm", "oci", "onprem"), providers);
        as("admin").get("/api/admin/services/besu").then().statusCode(200).body("config.minPeers", equalTo(1));
    }

    @Test
    void aChangeIsStoredWithWhoMadeItAndAnnouncedAsServiceUpdated() throws Exception {
        try (KafkaTopicProbe admin = KafkaTopicProbe.watch(Topics.ADMIN)) {
            as("admin").contentType("application/json")
                    .body("{\"enabled\": false, \"config\": {\"collectionIntervalSeconds\": 30, \"timeoutSeconds\": 5, \"tags\": [\"eu\", \"prod\"]}}")
                    .put("/api/admin/services/cacti").then().statusCode(200)
                    .body("enabled", equalTo(false)).body("updatedBy", equalTo("test-admin")).body("config.tags[1]", equalTo("prod"));
            var record = admin.awaitRecord(r -> EventTypes.ADMIN_SERVICE_UPDATED.equals(KafkaTopicProbe.header(r, "ce_type"))
                    && r.value().contains("\"name\":\"cacti\""), Duration.ofSeconds(10));
            assertTrue(record.value().contains("\"enabled\":false"), record.value());
        }
        as("admin").get("/api/admin/services/cacti").then().body("enabled", equalTo(false)).body("config.collectionIntervalSeconds", equalTo(30));
        as("admin").contentType("application/json").body("{\"enabled\": true, \"config\": {\"collectionIntervalSeconds\": 15}}")
                .put("/api/admin/services/cacti").then().statusCode(200);
    }

    @Test
    void invalidConfigurationIsRefusedWithEveryFaultAndNothingChanges() {
        as("admin").contentType("application/json")
                .body("{\"enabled\": true, \"config\": {\"minPeers\": -1, \"timeoutSeconds\": \"fast\", \"nested\": {\"a\": 1}, \"Bad-Key\": 1}}")
                .put("/api/admin/services/besu").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("minPeers must be a whole number from 0 to 1000, not -1"))
                .body("detail", containsString("timeoutSeconds must be a whole number from 1 to 120"))
                .body("detail", containsString("nested must be a text, number"))
                .body("detail", containsString("'Bad-Key' is not a camelCase setting name"));
        as("admin").get("/api/admin/services/besu").then().body("config.minPeers", equalTo(1));
        as("admin").contentType("application/json").body("{\"enabled\": true, \"config\": [1, 2]}")
                .put("/api/admin/services/besu").then().statusCode(400).contentType("application/problem+json");
        as("admin").contentType("application/json").body("{\"enabled\": true, \"config\": {}}")
                .put("/api/admin/providers/digitalocean").then().statusCode(404).body("detail", containsString("the providers are: aws, azure"));
        as("operator").get("/api/admin/providers").then().statusCode(403);
    }
}
