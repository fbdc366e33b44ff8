package io.orchestration.environment.rest;

import io.orchestration.common.events.EventTypes;
import io.orchestration.common.problem.Problem;
import io.orchestration.environment.support.CatalogueOnDisk;
import io.orchestration.environment.support.EnvironmentEvents;
import io.orchestration.environment.support.EnvironmentTable;
import io.orchestration.environment.support.InjectCatalogue;
import io.orchestration.environment.support.TestCatalogue;
import io.orchestration.testing.KafkaTopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.orchestration.environment.support.Callers.asAdmin;
import static io.orchestration.environment.support.EnvironmentBodies.uniqueName;
import static io.restassured.http.ContentType.JSON;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An operator edits the catalogue file by hand and asks the portal to reload it. */
@QuarkusTest
@WithTestResource(TestCatalogue.class)
class CatalogueReloadTest {

    private static final String RELOAD = "/api/admin/environments/reload";
    private static final String STATUS = "/api/admin/environments/catalogue";
    private static final String GCP_STAGING = "gcp-euw4-staging";
    private static final String AWS_SANDBOX = "aws-use1-sandbox";

    @InjectCatalogue
    CatalogueOnDisk catalogue;

    @AfterEach
    void restoreShippedCatalogue() {
        catalogue.resetToShipped();
    }

    @Test
    void reloadWithoutEditsChangesNothing() {
        int declared = catalogue.entries().size();

        asAdmin().post(RELOAD)
                .then().statusCode(200)
                .body("file", equalTo(catalogue.path().toString()))
                .body("created", empty())
                .body("updated", empty())
                .body("deleted", empty())
                .body("unchanged", equalTo(declared));
    }

    @Test
    void reloadAppliesAHandEditedCatalogue() {
        String added = uniqueName("hand-added");
        String shipped = catalogue.shipped();
        assertTrue(shipped.stripTrailing().endsWith("team: partnerships"), "the sandbox is the last entry of the shipped file");
        String edited = shipped.substring(0, shipped.indexOf("  - name: " + AWS_SANDBOX))
                .replace("displayName: GCP Netherlands (staging)", "displayName: GCP Eemshaven (staging)")
                + """
                  - name: %s
                    provider: ibm
                    type: cloud
                    regions: [eu-gb]
                    enabled: false
                """.formatted(added);
        int declared = catalogue.entries().size();
        catalogue.write(edited);

        try (KafkaTopicProbe events = EnvironmentEvents.watch()) {
            asAdmin().post(RELOAD)
                    .then().statusCode(200)
                    .contentType(JSON)
                    .body("file", equalTo(catalogue.path().toString()))
                    .body("created", equalTo(List.of(added)))
                    .body("updated", equalTo(List.of(GCP_STAGING)))
                    .body("deleted", equalTo(List.of(AWS_SANDBOX)))
                    .body("unchanged", equalTo(declared - 2));

            assertEquals("GCP Eemshaven (staging)", EnvironmentTable.find(GCP_STAGING).orElseThrow().displayName());
            EnvironmentTable.Row created = EnvironmentTable.find(added).orElseThrow();
            assertEquals("ibm", created.provider());
            assertFalse(created.enabled());
            assertTrue(EnvironmentTable.find(AWS_SANDBOX).isEmpty(), "the removed entry's row is gone");

            assertEquals(EventTypes.ENVIRONMENT_UPDATED, EnvironmentEvents.typeOf(EnvironmentEvents.nextAbout(events, GCP_STAGING)));
            assertEquals(EventTypes.ENVIRONMENT_CREATED, EnvironmentEvents.typeOf(EnvironmentEvents.nextAbout(events, added)));
            assertEquals(EventTypes.ENVIRONMENT_DELETED, EnvironmentEvents.typeOf(EnvironmentEvents.nextAbout(events, AWS_SANDBOX)));
        }
        assertEquals(edited, catalogue.text(), "a reload reads the file, it does not rewrite it");

        asAdmin().get(STATUS)
                .then().statusCode(200)
                .body("file", equalTo(catalogue.path().toString()))
                .body("valid", equalTo(true))
                .body("checkedAt", notNullValue())
                .body("errors", empty())
                .body("lastSync.created", equalTo(List.of(added)))
                .body("lastSync.deleted", equalTo(List.of(AWS_SANDBOX)));
    }

    @Test
    void invalidCatalogueIsRefusedWithEveryFaultAndChangesNothing() {
        String invalid = catalogue.shipped()
                .replace("    provider: oci\n", "    provider: ocl\n")
                .replace("    regions: [europe-west4]\n", "    regions: [europe-west4]\n    enabeld: false\n");
        List<String> lines = invalid.lines().toList();
        int providerLine = lines.indexOf("    provider: ocl") + 1;
        int typoLine = lines.indexOf("    enabeld: false") + 1;
        List<EnvironmentTable.Row> storedBefore = EnvironmentTable.all();
        Map<String, Object> lastSyncBefore = asAdmin().get(STATUS).then().statusCode(200).extract().jsonPath().getMap("lastSync");
        catalogue.write(invalid);

        try (KafkaTopicProbe events = EnvironmentEvents.watch()) {
            JsonPath problem = asAdmin().post(RELOAD)
                    .then().statusCode(422)
                    .contentType(Problem.MEDIA_TYPE)
                    .body("title", equalTo("Invalid environment catalogue"))
                    .body("detail", containsString(catalogue.path().toString()))
                    .body("file", equalTo(catalogue.path().toString()))
                    .extract().jsonPath();

            List<Map<String, Object>> errors = problem.getList("errors");
            assertEquals(2, errors.size(), errors.toString());
            assertEquals(typoLine, errors.get(0).get("line"));
            assertEquals("environments[2].enabeld", errors.get(0).get("field"));
            assertTrue(((String) errors.get(0).get("message")).contains("unknown field 'enabeld'"), errors.toString());
            assertEquals(providerLine, errors.get(1).get("line"));
            assertEquals("environments[4].provider", errors.get(1).get("field"));
            assertTrue(((String) errors.get(1).get("message")).contains("'ocl' is not one of"), errors.toString());

            assertEquals(storedBefore, EnvironmentTable.all(), "the stored environments");
            assertEquals(List.of(), events.recordsWithin(EnvironmentEvents.QUIET_WINDOW), "events after a refused reload");
        }
        assertEquals(invalid, catalogue.text(), "the operator's file is left for them to fix");

        asAdmin().get(STATUS)
                .then().statusCode(200)
                .body("valid", equalTo(false))
                .body("errors.line", equalTo(List.of(typoLine, providerLine)))
                .body("errors.field", equalTo(List.of("environments[2].enabeld", "environments[4].provider")))
                .body("lastSync", equalTo(lastSyncBefore));
    }

    @Test
    void changesAreRefusedWhileTheCatalogueFileIsInvalid() {
        catalogue.write(catalogue.shipped().replace("    provider: oci\n", "    provider: ocl\n"));
        EnvironmentTable.Row before = EnvironmentTable.find(GCP_STAGING).orElseThrow();

        asAdmin().contentType(JSON).body("{\"enabled\": false}").put("/api/admin/environments/{name}/toggle", GCP_STAGING)
                .then().statusCode(422)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("environments[4].provider"));

        assertEquals(before, EnvironmentTable.find(GCP_STAGING).orElseThrow(), "the stored row");
    }
}
