package io.orchestration.environment.rest;

import io.orchestration.common.problem.Problem;
import io.orchestration.environment.support.CatalogueOnDisk;
import io.orchestration.environment.support.InjectCatalogue;
import io.orchestration.environment.support.TestCatalogue;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.orchestration.environment.support.Callers.asRole;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What a viewer reads: pages, filters, the grouped dashboard view and single environments. */
@QuarkusTest
@WithTestResource(TestCatalogue.class)
class EnvironmentResourceTest {

    private static final String ENVIRONMENTS = "/api/environments";
    private static final String GCP_STAGING = "gcp-euw4-staging";

    @InjectCatalogue
    CatalogueOnDisk catalogue;

    @Test
    void listsEveryEnvironmentOfTheCatalogueOnTheFirstPage() {
        List<String> declared = catalogue.namesWhere(entry -> true);

        asRole("viewer").get(ENVIRONMENTS)
                .then().statusCode(200)
                .body("page", equalTo(0))
                .body("size", equalTo(50))
                .body("total", equalTo(declared.size()))
                .body("items.name", containsInAnyOrder(declared.toArray()));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"provider, onprem", "provider, azure", "type, hci", "type, cloud", "enabled, false", "enabled, true"})
    void filtersByOneField(String field, String value) {
        List<String> matching = catalogue.namesWhere(entry -> value.equals(String.valueOf(declared(entry, field))));
        assertFalse(matching.isEmpty(), "the shipped catalogue should have environments with " + field + "=" + value);

        asRole("viewer").queryParam(field, value).get(ENVIRONMENTS)
                .then().statusCode(200)
                .body("total", equalTo(matching.size()))
                .body("items.name", containsInAnyOrder(matching.toArray()))
                .body("items." + field, everyItem(equalTo("enabled".equals(field) ? Boolean.valueOf(value) : value)));
    }

    @Test
    void combinesFilters() {
        List<String> azureHci = catalogue.namesWhere(entry -> "azure".equals(entry.get("provider")) && "hci".equals(entry.get("type")));
        assertFalse(azureHci.isEmpty());

        asRole("viewer").queryParam("provider", "azure").queryParam("type", "hci").queryParam("enabled", "true")
                .get(ENVIRONMENTS)
                .then().statusCode(200)
                .body("items.name", containsInAnyOrder(azureHci.toArray()));
    }

    @Test
    void pagesThroughEveryEnvironmentOnce() {
        List<String> declared = catalogue.namesWhere(entry -> true);
        List<String> seen = new ArrayList<>();

        for (int page = 0; page * 2 < declared.size(); page++) {
            JsonPath body = asRole("viewer").queryParam("page", page).queryParam("size", 2).get(ENVIRONMENTS)
                    .then().statusCode(200)
                    .body("page", equalTo(page))
                    .body("size", equalTo(2))
                    .body("total", equalTo(declared.size()))
                    .extract().jsonPath();
            List<String> names = body.getList("items.name");
            assertEquals(Math.min(2, declared.size() - page * 2), names.size(), "items on page " + page);
            seen.addAll(names);
        }

        assertEquals(declared.stream().sorted().toList(), seen.stream().sorted().toList());
        asRole("viewer").queryParam("page", (declared.size() + 1) / 2).queryParam("size", 2).get(ENVIRONMENTS)
                .then().statusCode(200)
                .body("items", empty())
                .body("total", equalTo(declared.size()));
    }

    @Test
    void groupsByProviderInProviderOrderWithCounts() {
        List<String> providerOrder = List.of("azure", "aws", "gcp", "ibm", "oci", "onprem");
        List<Map<String, Object>> entries = catalogue.entries();

        JsonPath grouped = asRole("viewer").queryParam("groupBy", "provider").get(ENVIRONMENTS)
                .then().statusCode(200)
                .body("total", equalTo(entries.size()))
                .body("enabled", equalTo((int) entries.stream().filter(CatalogueOnDisk::isEnabled).count()))
                .body("providers", equalTo(providerOrder.size()))
                .extract().jsonPath();

        assertEquals(providerOrder, grouped.getList("groups.provider"));
        for (int i = 0; i < providerOrder.size(); i++) {
            String provider = providerOrder.get(i);
            List<Map<String, Object>> members = entries.stream().filter(entry -> provider.equals(entry.get("provider"))).toList();
            assertEquals(members.size(), grouped.getInt("groups[" + i + "].total"), provider + " total");
            assertEquals((int) members.stream().filter(CatalogueOnDisk::isEnabled).count(),
                    grouped.getInt("groups[" + i + "].enabled"), provider + " enabled");
            assertEquals(members.stream().map(entry -> entry.get("name")).sorted().toList(),
                    grouped.getList("groups[" + i + "].environments.name", String.class).stream().sorted().toList(), provider + " members");
        }
    }

    @Test
    void groupingKeepsTheFilters() {
        List<String> hci = catalogue.namesWhere(entry -> "hci".equals(entry.get("type")));

        JsonPath grouped = asRole("viewer").queryParam("groupBy", "provider").queryParam("type", "hci").get(ENVIRONMENTS)
                .then().statusCode(200)
                .body("total", equalTo(hci.size()))
                .extract().jsonPath();

        assertEquals(List.of("azure", "onprem"), grouped.getList("groups.provider"));
        assertEquals(hci.stream().sorted().toList(),
                grouped.getList("groups.environments.flatten().name", String.class).stream().sorted().toList());
    }

    @Test
    void showsOneEnvironmentAsDeclared() {
        Map<String, Object> declared = catalogue.entry(GCP_STAGING).orElseThrow();

        asRole("viewer").get(ENVIRONMENTS + "/{name}", GCP_STAGING)
                .then().statusCode(200)
                .body("name", equalTo(GCP_STAGING))
                .body("displayName", equalTo(declared.get("displayName")))
                .body("provider", equalTo("gcp"))
                .body("type", equalTo("cloud"))
                .body("regions", equalTo(declared.get("regions")))
                .body("enabled", equalTo(true))
                .body("components", equalTo(declared.get("components")))
                .body("labels", equalTo(declared.get("labels")))
                .body("cluster.namespace", equalTo(((Map<?, ?>) declared.get("cluster")).get("namespace")))
                .body("endpoints.besuRpc", equalTo(((Map<?, ?>) declared.get("endpoints")).get("besuRpc")))
                .body("dryRun", equalTo(true));
    }

    @Test
    void unknownEnvironmentIsNotFound() {
        asRole("viewer").get(ENVIRONMENTS + "/{name}", "no-such-env")
                .then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(404))
                .body("type", endsWith("/not-found"))
                .body("detail", equalTo("Environment 'no-such-env' does not exist"))
                .body("instance", equalTo(ENVIRONMENTS + "/no-such-env"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "provider | azr    | Query parameter 'provider' must be one of azure, aws, gcp, ibm, oci, onprem, not 'azr'",
            "type     | vm     | Query parameter 'type' must be cloud or hci, not 'vm'",
            "enabled  | maybe  | Query parameter 'enabled' must be true or false, not 'maybe'",
            "page     | -1     | Query parameter 'page' must be a whole number from 0 to 2147483647, not '-1'",
            "size     | abc    | Query parameter 'size' must be a whole number from 1 to 500, not 'abc'",
            "size     | 501    | Query parameter 'size' must be a whole number from 1 to 500, not '501'",
            "groupBy  | region | Query parameter 'groupBy' can only be 'provider', not 'region'"})
    void badQueryParameterIsAProblemThatSaysWhy(String parameter, String value, String detail) {
        asRole("viewer").queryParam(parameter, value).get(ENVIRONMENTS)
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400))
                .body("title", equalTo("Invalid input"))
                .body("detail", equalTo(detail));
    }

    private static Object declared(Map<String, Object> entry, String field) {
        return "enabled".equals(field) ? CatalogueOnDisk.isEnabled(entry) : entry.get(field);
    }
}
