package io.orchestration.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Sends every operation of a running service's OpenAPI document input it should refuse or survive, as an admin (so
 * authorisation never hides a fault): malformed JSON, bodies of the wrong shape, fields of the wrong type, missing
 * required fields, and hostile values (huge strings, unicode, SQL / script / path injection, unknown ids) in path,
 * query and body. No answer may be a 5xx; input that cannot be valid must be a 4xx problem+json and leave the
 * service's state (its fingerprint) as it was.
 */
public final class BadInputSweep {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final Set<String> WITH_BODY = Set.of("post", "put", "patch");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Values no server may choke on; any of them may still be valid somewhere, so only a 5xx is a fault. */
    static final List<String> HOSTILE = List.of(
            "' OR '1'='1' --", "\"; DROP TABLE environment; --", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
            "../../../../etc/passwd", "ünïcødé 名前 🚀", "\u0000nul", "-1", "0", "99999999999999999999999",
            "x".repeat(5_000));

    /** Bodies that are not JSON at all, or JSON of a shape no operation takes. */
    static final List<String> MALFORMED = List.of(
            "{", "{\"a\":", "not json", "[]", "null", "\"text\"", "42", "{\"a\": 1,}",
            "[".repeat(5_000) + "]".repeat(5_000));

    private BadInputSweep() {
    }

    public record Result(int requests, List<String> faults) {
    }

    /**
     * The state once it has stopped changing: events earlier tests caused (an audit record relayed through Kafka, say)
     * may still be arriving, and must land before the sweep's "before", not between it and "after".
     */
    private static String settled(Supplier<String> state) throws InterruptedException {
        String last = state.get();
        long giveUpAt = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < giveUpAt) {
            Thread.sleep(1_500);
            String now = state.get();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        throw new IllegalStateException("the service's state kept changing for 30 s without any request; last read " + last);
    }

    /**
     * Sweeps every operation; {@code state} fingerprints what the service stores and must read the same before and
     * after the requests that cannot be valid.
     */
    public static Result run(Supplier<String> state) throws Exception {
        JsonNode document = JSON.readTree(RestAssured.given().accept("application/json").get("/q/openapi").asString());
        JsonNode schemas = document.path("components").path("schemas");
        List<Probe> invalid = new ArrayList<>();
        List<Probe> hostile = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = operations.next();
                if (METHODS.contains(operation.getKey())) {
                    probes(path.getKey(), operation.getKey(), operation.getValue(), path.getValue(), schemas, invalid, hostile);
                }
            }
        }
        List<String> faults = new ArrayList<>();
        String before = settled(state);
        for (Probe probe : invalid) {
            Response answer = probe.send();
            if (answer.statusCode() < 400 || answer.statusCode() >= 500) {
                faults.add(probe + ": cannot be valid, yet answered " + answer.statusCode() + " " + abbreviated(answer.asString()));
            } else if (!String.valueOf(answer.contentType()).startsWith("application/problem+json")) {
                faults.add(probe + ": answered " + answer.statusCode() + " as " + answer.contentType() + ", not problem+json");
            }
        }
        String after = settled(state);
        if (!before.equals(after)) {
            faults.add("requests that cannot be valid changed the service's state:\n  before " + before + "\n  after  " + after);
        }
        for (Probe probe : hostile) {
            Response answer = probe.send();
            if (answer.statusCode() >= 500) {
                faults.add(probe + ": answered " + answer.statusCode() + " " + abbreviated(answer.asString()));
            }
        }
        return new Result(invalid.size() + hostile.size(), faults);
    }

    private static void probes(String template, String method, JsonNode operation, JsonNode pathItem, JsonNode schemas,
                               List<Probe> invalid, List<Probe> hostile) {
        List<JsonNode> parameters = new ArrayList<>();
        pathItem.path("parameters").forEach(parameters::add);
        operation.path("parameters").forEach(parameters::add);
        Map<String, String> pathValues = new LinkedHashMap<>();
        List<String> queryNames = new ArrayList<>();
        for (JsonNode parameter : parameters) {
            if ("path".equals(parameter.path("in").asText())) {
                pathValues.put(parameter.path("name").asText(), "sweep-" + UUID.randomUUID().toString().substring(0, 8));
            } else if ("query".equals(parameter.path("in").asText())) {
                queryNames.add(parameter.path("name").asText());
            }
        }
        JsonNode bodySchema = operation.path("requestBody").path("content").path("application/json").path("schema");
        boolean jsonBody = WITH_BODY.contains(method) && !bodySchema.isMissingNode();
        JsonNode resolved = resolve(bodySchema, schemas);
        String validish = jsonBody ? sample(resolved, schemas, 0).toString() : null;

        // Hostile path values (unknown ids among them) and query values.
        for (String name : pathValues.keySet()) {
            for (String value : HOSTILE) {
                Map<String, String> values = new LinkedHashMap<>(pathValues);
                values.put(name, value);
                hostile.add(new Probe(method, template, values, Map.of(), validish, "path " + name + "=" + shortly(value)));
            }
        }
        for (String name : queryNames) {
            for (String value : HOSTILE) {
                hostile.add(new Probe(method, template, pathValues, Map.of(name, value), validish, "query " + name + "=" + shortly(value)));
            }
        }
        if (!jsonBody) {
            return;
        }
        for (String body : MALFORMED) {
            invalid.add(new Probe(method, template, pathValues, Map.of(), body, "body " + shortly(body)));
        }
        if (!resolved.path("properties").isObject()) {
            return;
        }
        ObjectNode valid = (ObjectNode) sample(resolved, schemas, 0);
        for (Iterator<Map.Entry<String, JsonNode>> properties = resolved.path("properties").fields(); properties.hasNext(); ) {
            Map.Entry<String, JsonNode> property = properties.next();
            JsonNode schema = resolve(property.getValue(), schemas);
            JsonNode wrong = wrongType(schema);
            if (wrong != null) {
                ObjectNode body = valid.deepCopy();
                body.set(property.getKey(), wrong);
                invalid.add(new Probe(method, template, pathValues, Map.of(), body.toString(), "field " + property.getKey() + " of the wrong type"));
            }
            if ("string".equals(schema.path("type").asText()) && !schema.has("enum")) {
                for (String value : HOSTILE) {
                    ObjectNode body = valid.deepCopy();
                    body.put(property.getKey(), value);
                    hostile.add(new Probe(method, template, pathValues, Map.of(), body.toString(), "field " + property.getKey() + "=" + shortly(value)));
                }
                ObjectNode huge = valid.deepCopy();
                huge.put(property.getKey(), "y".repeat(200_000));
                hostile.add(new Probe(method, template, pathValues, Map.of(), huge.toString(), "field " + property.getKey() + " of 200,000 characters"));
            }
        }
        for (JsonNode required : resolved.path("required")) {
            ObjectNode body = valid.deepCopy();
            body.remove(required.asText());
            invalid.add(new Probe(method, template, pathValues, Map.of(), body.toString(), "without required " + required.asText()));
        }
        ObjectNode unknown = valid.deepCopy();
        unknown.put("sweepUnknownField", 1);
        invalid.add(new Probe(method, template, pathValues, Map.of(), unknown.toString(), "with an unknown field"));
    }

    private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
        JsonNode current = schema;
        for (int depth = 0; depth < 10 && current.has("$ref"); depth++) {
            String ref = current.path("$ref").asText();
            current = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        if (current.has("allOf") && current.path("allOf").size() == 1) {
            return resolve(current.path("allOf").get(0), schemas);
        }
        return current;
    }

    /** A plausible value of the schema: the service may still refuse it (unknown names), which is fine. */
    private static JsonNode sample(JsonNode schema, JsonNode schemas, int depth) {
        JsonNode resolved = resolve(schema, schemas);
        if (resolved.has("enum") && resolved.path("enum").size() > 0) {
            return resolved.path("enum").get(0);
        }
        String type = resolved.path("type").asText("object");
        switch (type) {
            case "string":
                return NODES.textNode(resolved.has("format") && resolved.path("format").asText().startsWith("date")
                        ? "2024-01-01" + (resolved.path("format").asText().equals("date-time") ? "T00:00:00Z" : "") : "sweep");
            case "integer":
            case "number":
                return NODES.numberNode(1);
            case "boolean":
                return NODES.booleanNode(true);
            case "array":
                ArrayNode array = NODES.arrayNode();
                if (depth < 4) {
                    array.add(sample(resolved.path("items"), schemas, depth + 1));
                }
                return array;
            default:
                ObjectNode object = NODES.objectNode();
                if (depth < 4) {
                    resolved.path("properties").fields().forEachRemaining(property ->
                            object.set(property.getKey(), sample(property.getValue(), schemas, depth + 1)));
                }
                return object;
        }
    }

    /** A value no schema of this type accepts, or null when any value might be fine. */
    private static JsonNode wrongType(JsonNode schema) {
        switch (schema.path("type").asText("")) {
            case "string":
                return NODES.objectNode().put("not", "a string");
            case "integer":
            case "number":
                return NODES.textNode("not a number");
            case "boolean":
                return NODES.arrayNode().add(1);
            case "array":
                return NODES.textNode("not an array");
            case "object":
                return schema.has("properties") ? NODES.numberNode(7) : null;
            default:
                return null;
        }
    }

    private static String shortly(String value) {
        String printable = value.replace("\u0000", "\\0");
        return printable.length() > 40 ? printable.substring(0, 40) + "... (" + value.length() + " chars)" : printable;
    }

    private static String abbreviated(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private record Probe(String method, String template, Map<String, String> pathValues, Map<String, String> query,
                         String body, String what) {

        Response send() {
            // The URL is encoded here: RestAssured would read braces in a value as placeholders of its own.
            RequestSpecification request = RestAssured.given()
                    .header("Authorization", TestTokens.bearer(TestTokens.forRole("admin")))
                    .urlEncodingEnabled(false);
            if (body != null) {
                request.contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8));
            }
            String url = template;
            for (Map.Entry<String, String> value : pathValues.entrySet()) {
                url = url.replace("{" + value.getKey() + "}", encoded(value.getValue()));
            }
            StringJoiner parameters = new StringJoiner("&", "?", "").setEmptyValue("");
            query.forEach((name, value) -> parameters.add(encoded(name) + "=" + encoded(value)));
            return request.request(method.toUpperCase(), url + parameters);
        }

        private static String encoded(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + template + " " + what;
        }
    }
}
