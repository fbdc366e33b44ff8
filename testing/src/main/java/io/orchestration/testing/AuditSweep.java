package io.orchestration.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Proves that every mutating operation of a running service leaves exactly one audit record naming the caller and
 * the client address the gateway forwarded. The operations come from the service's own OpenAPI document, so a new
 * endpoint without a sample call fails the sweep; each sample runs as a user and from an address of its own.
 */
public final class AuditSweep {

    private static final Set<String> MUTATING = Set.of("post", "put", "patch", "delete");
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditSweep() {
    }

    /**
     * One call that succeeds against a mutating operation. It makes the audited request with the specification it
     * is given (the sweep's user token and X-Forwarded-For already set); any set-up it needs it makes itself.
     */
    public static final class Sample {
        private final Function<RequestSpecification, Response> call;
        private final String role;
        private final String actor;

        private Sample(Function<RequestSpecification, Response> call, String role, String actor) {
            this.call = call;
            this.role = role;
            this.actor = actor;
        }

        /** A call made with an admin token; the audit record must name the token's user. */
        public static Sample of(Function<RequestSpecification, Response> call) {
            return new Sample(call, "admin", null);
        }

        /** The same call with a token of another role (the least the operation takes, say). */
        public Sample as(String role) {
            return new Sample(call, role, actor);
        }

        /** A call with no caller token whose record names {@code actor} (a login names who logged in). */
        public static Sample anonymous(String actor, Function<RequestSpecification, Response> call) {
            return new Sample(call, null, actor);
        }
    }

    /** Every way the service's audit trail falls short, one line each; empty when every operation is audited once. */
    public static List<String> shortfalls(Map<String, Sample> samples) throws Exception {
        List<String> shortfalls = new ArrayList<>();
        Set<String> operations = mutatingOperations();
        Set<String> missing = new TreeSet<>(operations);
        missing.removeAll(samples.keySet());
        missing.forEach(operation -> shortfalls.add(operation + ": mutating, but the test has no sample call for it"));
        Set<String> unknown = new TreeSet<>(samples.keySet());
        unknown.removeAll(operations);
        unknown.forEach(operation -> shortfalls.add(operation + ": a sample call for an operation the OpenAPI document does not list"));
        if (!shortfalls.isEmpty()) {
            return shortfalls;
        }
        Map<String, String> addressOf = new LinkedHashMap<>();
        try (KafkaTopicProbe audit = KafkaTopicProbe.watch(Topics.AUDIT)) {
            int caller = 0;
            for (Map.Entry<String, Sample> entry : samples.entrySet()) {
                caller++;
                String operation = entry.getKey();
                Sample sample = entry.getValue();
                String user = "audit-sweep-" + caller;
                String address = "198.51.100." + caller;
                RequestSpecification request = RestAssured.given().header("X-Forwarded-For", address);
                if (sample.role != null) {
                    request.header("Authorization", TestTokens.bearer(TestTokens.forUser(user, sample.role)));
                }
                Response response;
                try {
                    response = sample.call.apply(request);
                } catch (RuntimeException | AssertionError failed) {
                    shortfalls.add(operation + ": the sample call failed: " + failed);
                    continue;
                }
                if (response.statusCode() >= 300) {
                    shortfalls.add(operation + ": the sample call answered " + response.statusCode() + " " + response.asString());
                    continue;
                }
                addressOf.put(operation, address);
                JsonNode record;
                try {
                    record = data(audit.awaitRecord(r -> address.equals(data(r).path("clientIp").asText()), Duration.ofSeconds(15)));
                } catch (AssertionError none) {
                    shortfalls.add(operation + ": no audit record from " + address);
                    continue;
                }
                String expectedActor = sample.actor != null ? sample.actor : user;
                if (!expectedActor.equals(record.path("actor").asText())) {
                    shortfalls.add(operation + ": the audit record names actor " + record.path("actor") + ", not " + expectedActor);
                }
                String method = operation.substring(0, operation.indexOf(' '));
                if (!method.equals(record.path("method").asText())) {
                    shortfalls.add(operation + ": the audit record says method " + record.path("method"));
                }
            }
            // Anything else from the sweep's addresses is a second record of one call.
            for (ConsumerRecord<String, String> extra : audit.recordsWithin(Duration.ofSeconds(2))) {
                String address = data(extra).path("clientIp").asText();
                addressOf.forEach((operation, used) -> {
                    if (used.equals(address)) {
                        shortfalls.add(operation + ": more than one audit record: " + extra.value());
                    }
                });
            }
        }
        return shortfalls;
    }

    private static Set<String> mutatingOperations() throws Exception {
        JsonNode document = JSON.readTree(RestAssured.given().accept("application/json").get("/q/openapi").asString());
        Set<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (MUTATING.contains(method)) {
                    operations.add(method.toUpperCase() + " " + path.getKey());
                }
            });
        }
        return operations;
    }

    private static JsonNode data(ConsumerRecord<String, String> record) {
        if (!EventTypes.AUDIT_RECORDED.equals(KafkaTopicProbe.header(record, "ce_type"))) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(record.value());
        } catch (Exception unreadable) {
            return JSON.missingNode();
        }
    }
}
