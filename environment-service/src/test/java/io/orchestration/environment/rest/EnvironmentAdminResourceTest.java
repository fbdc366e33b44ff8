package io.orchestration.environment.rest;

import io.orchestration.common.events.EventTypes;
import io.orchestration.environment.support.CatalogueOnDisk;
import io.orchestration.environment.support.EnvironmentEvents;
import io.orchestration.environment.support.EnvironmentTable;
import io.orchestration.environment.support.InjectCatalogue;
import io.orchestration.environment.support.NothingChanges;
import io.orchestration.environment.support.TestCatalogue;
import io.orchestration.testing.KafkaTopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.orchestration.environment.support.Callers.asAdmin;
import static io.orchestration.environment.support.Callers.asRole;
import static io.orchestration.environment.support.EnvironmentBodies.labEnvironment;
import static io.orchestration.environment.support.EnvironmentBodies.uniqueName;
import static io.orchestration.testing.KafkaTopicProbe.header;
import static io.restassured.http.ContentType.JSON;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An admin's changes: each one shows in the API, the table, the catalogue file and on the topic. */
@QuarkusTest
@WithTestResource(TestCatalogue.class)
class EnvironmentAdminResourceTest {

    private static final String ADMIN = "/api/admin/environments";
    private static final String TOGGLE = ADMIN + "/{name}/toggle";
    private static final String ONE = ADMIN + "/{name}";
    private static final String GCP_STAGING = "gcp-euw4-staging";
    private static final String OCI_DR = "oci-fra-dr";

    @InjectCatalogue
    CatalogueOnDisk catalogue;

    @AfterEach
    void restoreShippedCatalogue() {
        catalogue.resetToShipped();
    }

    @Test
    void toggleWritesCatalogueBackAndPublishesEvent() {
        List<String> fileBefore = catalogue.lines();

        try (KafkaTopicProbe events = EnvironmentEvents.watch()) {
            asAdmin().contentType(JSON).body("{\"enabled\": false}").put(TOGGLE, GCP_STAGING)
                    .then().statusCode(200)
                    .contentType(JSON)
                    .body("name", equalTo(GCP_STAGING))
                    .body("enabled", equalTo(false))
                    .body("updatedBy", equalTo("test-admin"));

            EnvironmentTable.Row row = EnvironmentTable.find(GCP_STAGING).orElseThrow();
            assertFalse(row.enabled(), "stored enabled");
            assertEquals("test-admin", row.updatedBy());

            List<String> fileAfter = catalogue.lines();
            assertEquals(fileBefore.size(), fileAfter.size(), "the file keeps its lines");
            List<Integer> changed = IntStream.range(0, fileBefore.size())
                    .filter(i -> !fileBefore.get(i).equals(fileAfter.get(i))).boxed().toList();
            assertEquals(1, changed.size(), "changed lines: " + changed);
            int line = changed.get(0);
            assertEquals("    enabled: true", fileBefore.get(line));
            assertEquals("    enabled: false", fileAfter.get(line));
            assertEquals(GCP_STAGING, CatalogueOnDisk.entryAt(fileAfter, line), "the changed line belongs to");

            ConsumerRecord<String, String> event = EnvironmentEvents.nextAbout(events, GCP_STAGING);
            assertEquals(GCP_STAGING, event.key());
            assertEquals("io.orchestration.environment.enabled-changed", header(event, "ce_type"));
            assertEquals("/environment-service", header(event, "ce_source"));
            assertEquals(GCP_STAGING, header(event, "ce_subject"));
            assertEquals("1.0", header(event, "ce_specversion"));
            assertDoesNotThrow(() -> UUID.fromString(header(event, "ce_id")), "ce_id is a UUID");
            assertNotNull(header(event, "ce_time"), "ce_time");
            JsonPath data = JsonPath.from(event.value());
            assertEquals(GCP_STAGING, data.getString("name"));
            assertFalse(data.getBoolean("enabled"), "event data enabled");
        }
    }

    @Test
    void toggleWithoutBodyFlipsTheCurrentState() {
        try (KafkaTopicProbe events = EnvironmentEvents.watch()) {
            asAdmin().put(TOGGLE, OCI_DR)
                    .then().statusCode(200)
                    .body("enabled", equalTo(true));

            assertTrue(EnvironmentTable.find(OCI_DR).orElseThrow().enabled(), "stored enabled");
            assertEquals(true, catalogue.entry(OCI_DR).orElseThrow().get("enabled"));
            ConsumerRecord<String, String> event = EnvironmentEvents.nextAbout(events, OCI_DR);
            assertEquals(EventTypes.ENVIRONMENT_ENABLED_CHANGED, header(event, "ce_type"));
            assertTrue(JsonPath.from(event.value()).getBoolean("enabled"), "event data enabled");
        }

        asAdmin().put(TOGGLE, OCI_DR)
                .then().statusCode(200)
                .body("enabled", equalTo(false));
        assertFalse(EnvironmentTable.find(OCI_DR).orElseThrow().enabled(), "stored enabled after the second flip");
    }

    @Test
    void toggleToTheCurrentStateChangesNothing() {
        NothingChanges.when(GCP_STAGING, catalogue,
                        () -> asAdmin().contentType(JSON).body("{\"enabled\": true}").put(TOGGLE, GCP_STAGING))
                .statusCode(200)
                .body("name", equalTo(GCP_STAGING))
                .body("enabled", equalTo(true));
    }

    @Test
    void createAddsRowCatalogueEntryAndPublishesEvent() {
        String name = uniqueName("created");
        int declaredBefore = catalogue.entries().size();

        try (KafkaTopicProbe events = EnvironmentEvents.watch()) {
            String location = asAdmin().contentType(JSON).body(labEnvironment(name)).post(ADMIN)
                    .then().statusCode(201)
                    .header("Location", endsWith("/api/environments/" + name))
                    .body("name", equalTo(name))
                    .body("provider", equalTo("gcp"))
                    .body("enabled", equalTo(false))
                    .body("updatedBy", equalTo("test-admin"))
                    .extract().header("Location");

            asRole("viewer").get(location).then().statusCode(200).body("displayName", equalTo("Integration lab"));

            EnvironmentTable.Row row = EnvironmentTable.find(name).orElseThrow();
            assertEquals("gcp", row.provider());
            assertEquals("cloud", row.type());
            assertEquals(List.of("europe-west1"), row.regions());
            assertFalse(row.enabled());

            Map<String, Object> entry = catalogue.entry(name).orElseThrow();
            assertEquals("gcp", entry.get("provider"));
            assertEquals(List.of("europe-west1"), entry.get("regions"));
            assertEquals(false, entry.get("enabled"));
            assertEquals(Map.of("denied", List.of("us-east1")), entry.get("regionPolicy"));
            assertEquals(declaredBefore + 1, catalogue.entries().size(), "every other entry stays");
            assertTrue(catalogue.text().startsWith("# Environment catalogue"), "the file keeps its opening comment");

            ConsumerRecord<String, String> event = EnvironmentEvents.nextAbout(events, name);
            assertEquals(EventTypes.ENVIRONMENT_CREATED, header(event, "ce_type"));
            assertEquals(name, header(event, "ce_subject"));
            assertEquals("Integration lab", JsonPath.from(event.value()).getString("displayName"));
        }
    }

    @Test
    void updateReplacesTheDeclarationAndPublishesEvent() {
        String name = uniqueName("updated");
        asAdmin().contentType(JSON).body(labEnvironment(name)).post(ADMIN).then().statusCode(201);
        String changed = labEnvironment(name)
                .replace("\"Integration lab\"", "\"Integration lab, moved\"")
                .replace("[\"europe-west1\"]", "[\"europe-west1\", \"europe-west4\"]");

        try (KafkaTopicProbe events = EnvironmentEvents.watch()) {
            asAdmin().contentType(JSON).body(changed).put(ONE, name)
                    .then().statusCode(200)
                    .body("displayName", equalTo("Integration lab, moved"))
                    .body("regions", equalTo(List.of("europe-west1", "europe-west4")));

            EnvironmentTable.Row row = EnvironmentTable.find(name).orElseThrow();
            assertEquals("Integration lab, moved", row.displayName());
            assertEquals(List.of("europe-west1", "europe-west4"), row.regions());

            Map<String, Object> entry = catalogue.entry(name).orElseThrow();
            assertEquals("Integration lab, moved", entry.get("displayName"));
            assertEquals(List.of("europe-west1", "europe-west4"), entry.get("regions"));

            ConsumerRecord<String, String> event = EnvironmentEvents.nextAbout(events, name);
            assertEquals(EventTypes.ENVIRONMENT_UPDATED, header(event, "ce_type"));
            assertEquals(List.of("europe-west1", "europe-west4"), JsonPath.from(event.value()).getList("regions"));
        }
    }

    @Test
    void deleteRemovesRowAndCatalogueEntryAndPublishesEvent() {
        String name = uniqueName("deleted");
        asAdmin().contentType(JSON).body(labEnvironment(name)).post(ADMIN).then().statusCode(201);
        String fileWithout = catalogue.shipped();

        try (KafkaTopicProbe events = EnvironmentEvents.watch()) {
            asAdmin().delete(ONE, name)
                    .then().statusCode(204);

            assertTrue(EnvironmentTable.find(name).isEmpty(), "the row is gone");
            assertTrue(catalogue.entry(name).isEmpty(), "the catalogue entry is gone");
            assertEquals(fileWithout, catalogue.text(), "the file is as before the environment was added");
            asRole("viewer").get("/api/environments/{name}", name).then().statusCode(404);

            ConsumerRecord<String, String> event = EnvironmentEvents.nextAbout(events, name);
            assertEquals(EventTypes.ENVIRONMENT_DELETED, header(event, "ce_type"));
            assertEquals(name, header(event, "ce_subject"));
            JsonPath data = JsonPath.from(event.value());
            assertEquals(name, data.getString("name"));
            assertEquals("test-admin", data.getString("deletedBy"));
        }
    }
}
