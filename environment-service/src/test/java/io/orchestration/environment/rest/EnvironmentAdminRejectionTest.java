package io.orchestration.environment.rest;

import io.orchestration.common.problem.Problem;
import io.orchestration.environment.support.CatalogueOnDisk;
import io.orchestration.environment.support.InjectCatalogue;
import io.orchestration.environment.support.NothingChanges;
import io.orchestration.environment.support.TestCatalogue;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.Function;
import java.util.function.Supplier;

import static io.orchestration.environment.support.Callers.asAdmin;
import static io.orchestration.environment.support.EnvironmentBodies.labEnvironment;
import static io.orchestration.environment.support.EnvironmentBodies.uniqueName;
import static io.restassured.http.ContentType.JSON;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * Requests an admin gets wrong: each is a 4xx problem that says what is wrong, and leaves the
 * stored environment, the catalogue file and the topic exactly as they were.
 */
@QuarkusTest
@WithTestResource(TestCatalogue.class)
class EnvironmentAdminRejectionTest {

    private static final String ADMIN = "/api/admin/environments";
    private static final String TOGGLE = ADMIN + "/{name}/toggle";
    private static final String ONE = ADMIN + "/{name}";
    private static final String GCP_STAGING = "gcp-euw4-staging";

    @InjectCatalogue
    CatalogueOnDisk catalogue;

    @AfterEach
    void restoreShippedCatalogue() {
        catalogue.resetToShipped();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"toggle", "create", "update"})
    void malformedJsonIsRefused(String change) {
        String cutShort = labEnvironment(GCP_STAGING).substring(0, 40);
        Supplier<Response> send = switch (change) {
            case "toggle" -> () -> asAdmin().contentType(JSON).body("{\"enabled\": fal").put(TOGGLE, GCP_STAGING);
            case "create" -> () -> create(cutShort);
            default -> () -> asAdmin().contentType(JSON).body(cutShort).put(ONE, GCP_STAGING);
        };

        NothingChanges.when(GCP_STAGING, catalogue, send)
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("title", equalTo("Malformed request body"))
                .body("detail", matchesPattern(".+ \\(line \\d+, column \\d+\\)"));
    }

    @Test
    void toggleWithTextForEnabledIsRefused() {
        NothingChanges.when(GCP_STAGING, catalogue,
                        () -> asAdmin().contentType(JSON).body("{\"enabled\": \"yes\"}").put(TOGGLE, GCP_STAGING))
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("Field 'enabled'"));
    }

    @Test
    void toggleWithMisspelledFieldIsRefusedRatherThanFlipping() {
        NothingChanges.when(GCP_STAGING, catalogue,
                        () -> asAdmin().contentType(JSON).body("{\"enabeld\": false}").put(TOGGLE, GCP_STAGING))
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("unknown field 'enabeld'"));
    }

    @Test
    void createWithRegionsAsTextIsRefused() {
        String name = uniqueName("regions-text");
        NothingChanges.when(name, catalogue, () -> create(labEnvironment(name)
                        .replace("[\"europe-west1\"]", "\"europe-west1\"")))
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("Field 'regions'"));
    }

    @Test
    void createWithUnknownFieldIsRefused() {
        String name = uniqueName("unknown-field");
        NothingChanges.when(name, catalogue, () -> create(labEnvironment(name)
                        .replace("\"enabled\": false", "\"enabled\": false, \"owner\": \"team-x\"")))
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("unknown field 'owner'"));
    }

    @Test
    void createWithUnknownProviderIsRefused() {
        String name = uniqueName("unknown-provider");
        NothingChanges.when(name, catalogue, () -> create(labEnvironment(name).replace("\"gcp\"", "\"azr\"")))
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("Field 'provider'"))
                .body("detail", containsString("'azr' is not one of"));
    }

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {"name", "provider", "type", "regions"})
    void createWithoutARequiredFieldIsRefused(String field) {
        String name = uniqueName("missing-" + field);
        String body = labEnvironment(name).replaceFirst("\\s*\"" + field + "\": (\"[^\"]*\"|\\[[^]]*]),", "");

        NothingChanges.when(name, catalogue, () -> create(body))
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("violations.field", hasItem(field))
                .body("detail", containsString(field + " must not be"));
    }

    @Test
    void createWithoutABodyIsRefused() {
        asAdmin().contentType(JSON).post(ADMIN)
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("must not be null"));
    }

    @Test
    void createWithAnInvalidNameIsRefused() {
        NothingChanges.when("Upper_Case", catalogue, () -> create(labEnvironment("Upper_Case")))
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("violations.field", hasItem("name"))
                .body("detail", containsString("name must be lower-case letters, digits and '-'"));
    }

    @Test
    void createInARegionThePolicyDeniesIsRefused() {
        String name = uniqueName("denied-region");
        NothingChanges.when(name, catalogue, () -> create(labEnvironment(name).replace("[\"europe-west1\"]", "[\"us-east1\"]")))
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("violations.field", hasItem("regions"))
                .body("detail", containsString("regions region 'us-east1' is denied by regionPolicy"));
    }

    @Test
    void createWithTheNameOfAnExistingEnvironmentIsAConflict() {
        NothingChanges.when(GCP_STAGING, catalogue, () -> create(labEnvironment(GCP_STAGING)))
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", equalTo("Environment 'gcp-euw4-staging' already exists"));
    }

    @Test
    void updateWhoseBodyNamesAnotherEnvironmentIsRefused() {
        NothingChanges.when(GCP_STAGING, catalogue,
                        () -> asAdmin().contentType(JSON).body(labEnvironment("gcp-renamed")).put(ONE, GCP_STAGING))
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("The body names 'gcp-renamed' but the path names 'gcp-euw4-staging'"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"toggle", "update", "delete"})
    void changeToAnUnknownEnvironmentIsNotFound(String change) {
        String name = uniqueName("absent");
        Function<String, Response> send = switch (change) {
            case "toggle" -> absent -> asAdmin().contentType(JSON).body("{\"enabled\": false}").put(TOGGLE, absent);
            case "update" -> absent -> asAdmin().contentType(JSON).body(labEnvironment(absent)).put(ONE, absent);
            default -> absent -> asAdmin().delete(ONE, absent);
        };

        NothingChanges.when(name, catalogue, () -> send.apply(name))
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", endsWith("/not-found"))
                .body("detail", equalTo("Environment '" + name + "' does not exist"));
    }

    private static Response create(String body) {
        return asAdmin().contentType(JSON).body(body).post(ADMIN);
    }
}
