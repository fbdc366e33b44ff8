package io.orchestration.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orchestration.common.security.Roles;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The auth matrix of a running service, generated from its own OpenAPI document so no endpoint can be missed: every
 * operation that lists roles must refuse a missing, expired, foreign-signed and unsigned ({@code alg: none}) token
 * with 401, a role below the least it names with 403, and let every role at or above it through (any answer but
 * 401 / 403: the probe's made-up ids and bodies may well be refused for what they are). Operations without roles
 * are public and must be listed as such by the service's test.
 */
public final class AuthMatrix {

    private static final List<String> ROLES = List.of("viewer", "operator", "admin");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private AuthMatrix() {
    }

    /** Every way the service's answers differ from what its roles say, one line each; empty when none does. */
    public static List<String> mismatches(Set<String> publicOperations) throws Exception {
        JsonNode document = new ObjectMapper().readTree(RestAssured.given().accept("application/json").get("/q/openapi").asString());
        List<String> mismatches = new ArrayList<>();
        int guarded = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = operations.next();
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                String method = operation.getKey().toUpperCase();
                String name = method + " " + path.getKey();
                Set<String> roles = rolesOf(operation.getValue());
                if (roles.isEmpty()) {
                    if (!publicOperations.contains(name)) {
                        mismatches.add(name + ": lists no roles, and is not one of the public operations " + publicOperations);
                    }
                    continue;
                }
                guarded++;
                String url = path.getKey().replaceAll("\\{[^}]+}", "matrix-probe");
                String contentType = contentTypeOf(operation.getValue());
                check(mismatches, name, "no token", call(RestAssured.given(), method, url, contentType), 401);
                check(mismatches, name, "an expired token", call(withToken(TestTokens.expired("admin")), method, url, contentType), 401);
                check(mismatches, name, "a token signed by another key", call(withToken(TestTokens.wronglySigned("admin")), method, url, contentType), 401);
                check(mismatches, name, "an alg:none token", call(withToken(TestTokens.unsigned("admin")), method, url, contentType), 401);
                for (String role : ROLES) {
                    int status = call(withToken(TestTokens.forRole(role)), method, url, contentType);
                    boolean allowed = Roles.impliedBy(role).stream().anyMatch(roles::contains);
                    if (allowed && (status == 401 || status == 403)) {
                        mismatches.add(name + ": role " + role + " may call it (roles " + roles + ") but got " + status);
                    } else if (!allowed && status != 403) {
                        mismatches.add(name + ": role " + role + " may not call it (roles " + roles + ") but got " + status);
                    }
                }
            }
        }
        if (guarded == 0) {
            mismatches.add("no operation lists roles: the OpenAPI document has no security requirements to check");
        }
        return mismatches;
    }

    private static Set<String> rolesOf(JsonNode operation) {
        Set<String> roles = new HashSet<>();
        for (JsonNode requirement : operation.path("security")) {
            requirement.fields().forEachRemaining(scheme -> scheme.getValue().forEach(role -> roles.add(role.asText())));
        }
        return roles;
    }

    private static RequestSpecification withToken(String token) {
        return RestAssured.given().header("Authorization", TestTokens.bearer(token));
    }

    /** The media type the operation takes a body in (JSON, else a non-multipart one, when several), or null when none. */
    private static String contentTypeOf(JsonNode operation) {
        List<String> types = new ArrayList<>();
        operation.path("requestBody").path("content").fieldNames().forEachRemaining(types::add);
        if (types.isEmpty()) {
            return null;
        }
        return types.contains("application/json") ? "application/json"
                : types.stream().filter(type -> !type.startsWith("multipart/")).findFirst().orElse(types.get(0));
    }

    private static int call(RequestSpecification request, String method, String url, String contentType) {
        boolean json = contentType == null || contentType.equals("application/json");
        RequestSpecification withBody = !Set.of("POST", "PUT", "PATCH").contains(method) ? request
                : request.contentType(contentType == null ? "application/json" : contentType).body(json ? "{}".getBytes(StandardCharsets.UTF_8) : new byte[0]);
        return withBody.request(method, url).statusCode();
    }

    private static void check(List<String> mismatches, String operation, String what, int status, int expected) {
        if (status != expected) {
            mismatches.add(operation + ": " + what + " got " + status + ", not " + expected);
        }
    }
}
