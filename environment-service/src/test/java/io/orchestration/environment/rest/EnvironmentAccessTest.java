package io.orchestration.environment.rest;

import io.orchestration.common.problem.Problem;
import io.orchestration.environment.support.CatalogueOnDisk;
import io.orchestration.environment.support.EnvironmentEvents;
import io.orchestration.environment.support.EnvironmentTable;
import io.orchestration.environment.support.InjectCatalogue;
import io.orchestration.environment.support.TestCatalogue;
import io.orchestration.testing.KafkaTopicProbe;
import io.orchestration.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.orchestration.environment.support.Callers.anonymous;
import static io.orchestration.environment.support.Callers.asRole;
import static io.orchestration.environment.support.EnvironmentBodies.labEnvironment;
import static io.restassured.RestAssured.given;
import static io.restassured.http.ContentType.JSON;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Who may do what: only admins change environments; every role reads; a bad token is no token. */
@QuarkusTest
@WithTestResource(TestCatalogue.class)
class EnvironmentAccessTest {

    private static final String GCP_STAGING = "gcp-euw4-staging";
    private static final String NEWCOMER = "it-access-newcomer";

    /** A request to one endpoint, sent with whatever credentials the caller has. */
    record Call(String label, Function<RequestSpecification, Response> send) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static final Call TOGGLE = new Call("PUT toggle",
            caller -> caller.contentType(JSON).body("{\"enabled\": false}").put("/api/admin/environments/{name}/toggle", GCP_STAGING));
    private static final Call CREATE = new Call("POST create",
            caller -> caller.contentType(JSON).body(labEnvironment(NEWCOMER)).post("/api/admin/environments"));
    private static final Call UPDATE = new Call("PUT update",
            caller -> caller.contentType(JSON).body(labEnvironment(GCP_STAGING)).put("/api/admin/environments/{name}", GCP_STAGING));
    private static final Call DELETE = new Call("DELETE",
            caller -> caller.delete("/api/admin/environments/{name}", GCP_STAGING));
    private static final Call RELOAD = new Call("POST reload", caller -> caller.post("/api/admin/environments/reload"));
    private static final Call STATUS = new Call("GET catalogue status", caller -> caller.get("/api/admin/environments/catalogue"));
    private static final Call LIST = new Call("GET list", caller -> caller.get("/api/environments"));
    private static final Call SHOW = new Call("GET one", caller -> caller.get("/api/environments/{name}", GCP_STAGING));

    @InjectCatalogue
    CatalogueOnDisk catalogue;

    @AfterEach
    void restoreShippedCatalogue() {
        catalogue.resetToShipped();
    }

    static Stream<Call> adminCalls() {
        return Stream.of(TOGGLE, CREATE, UPDATE, DELETE, RELOAD, STATUS);
    }

    static Stream<Call> everyCall() {
        return Stream.concat(adminCalls(), Stream.of(LIST, SHOW));
    }

    static Stream<Arguments> adminCallsByLesserRoles() {
        return Stream.of("viewer", "operator").flatMap(role -> adminCalls().map(call -> Arguments.of(role, call)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCall")
    void withoutTokenIsUnauthorized(Call call) {
        assertUnauthorized(() -> call.send().apply(anonymous()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCall")
    void withExpiredTokenIsUnauthorized(Call call) {
        assertUnauthorized(() -> call.send().apply(given().header("Authorization", TestTokens.bearer(TestTokens.expired("admin")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCall")
    void withWronglySignedTokenIsUnauthorized(Call call) {
        assertUnauthorized(() -> call.send().apply(given().header("Authorization", TestTokens.bearer(TestTokens.wronglySigned("admin")))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("adminCallsByLesserRoles")
    void lesserRoleIsForbiddenToChange(String role, Call call) {
        assertLeavesNoTrace(() -> call.send().apply(asRole(role))
                .then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(403))
                .body("title", equalTo("Forbidden")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"viewer", "operator", "admin"})
    void everyRoleReads(String role) {
        LIST.send().apply(asRole(role)).then().statusCode(200).body("total", equalTo(catalogue.entries().size()));
        SHOW.send().apply(asRole(role)).then().statusCode(200).body("name", equalTo(GCP_STAGING));
    }

    @Test
    void refusedCallersPublishNothing() {
        try (KafkaTopicProbe events = EnvironmentEvents.watch()) {
            for (String role : List.of("viewer", "operator")) {
                adminCalls().forEach(call -> call.send().apply(asRole(role)).then().statusCode(403));
            }
            adminCalls().forEach(call -> call.send().apply(anonymous()).then().statusCode(401));

            assertEquals(List.of(), events.recordsWithin(EnvironmentEvents.QUIET_WINDOW), "events after refused calls");
        }
    }

    private void assertUnauthorized(Supplier<Response> call) {
        assertLeavesNoTrace(() -> call.get()
                .then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized")));
    }

    private void assertLeavesNoTrace(Runnable refusedCall) {
        List<EnvironmentTable.Row> storedBefore = EnvironmentTable.all();
        String fileBefore = catalogue.text();

        refusedCall.run();

        assertEquals(storedBefore, EnvironmentTable.all(), "the stored environments");
        assertEquals(fileBefore, catalogue.text(), "the catalogue file");
    }
}
