package io.orchestration.systemtests;

import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.testing.CloudEventPublisher;
import io.orchestration.testing.TestTokens;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two monitoring-service replicas side by side (ports 39083 and 39093, database monitoring_rep), as two pods of a
 * Deployment run them: every target is collected by exactly one live replica (their owned sets are disjoint and cover
 * every target, and each status says it was collected by its owner); a replica killed outright (SIGKILL) loses its
 * targets to the survivor once its heartbeat is older than the TTL, not before; a replica stopped cleanly leaves the
 * membership at once, so the other takes its targets at its next heartbeat.
 *
 * <p>The environments are announced on the e2e environment-events topic, each with a Besu, a Cacti and a FireFly
 * endpoint on a closed loopback port: their targets are collected (as unreachable) every interval.
 */
class MonitoringReplicasIT {

    private static final int PORT_A = 39083;
    private static final int PORT_B = 39093;
    private static final Duration HEARTBEAT = Duration.ofMillis(500);
    private static final Duration TTL = Duration.ofSeconds(6);
    private static final int ENVIRONMENTS = 8;
    private static final List<String> TYPES = List.of("besu", "cacti", "firefly");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final String RUN = "mrep-" + UUID.randomUUID().toString().substring(0, 8);
    private static final List<String> OWN_ENVIRONMENTS = new ArrayList<>();
    private static ReplicaPair monitoring;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        TestDatabases.empty("monitoring_rep");
        Path publicKey = Files.createTempDirectory("portal-monitoring-replicas").resolve("jwt-public.pem");
        try (InputStream key = MonitoringReplicasIT.class.getClassLoader().getResourceAsStream("test-keys/jwt-public.pem")) {
            Files.copy(key, publicKey);
        }
        String group = "monitoring-service-rep-" + UUID.randomUUID();
        // The replicas share what a Deployment's pods share: database, consumer groups, heartbeat and TTL, keys.
        monitoring = new ReplicaPair("monitoring-service", PORT_A, PORT_B, Map.of(
                "portal.db", "monitoring_rep",
                "mp.messaging.incoming.environment-events.group.id", group + ".environment-events",
                "mp.messaging.incoming.admin-events.group.id", group + ".admin-events",
                "monitoring.replicas.heartbeat", HEARTBEAT.toMillis() + "ms",
                "monitoring.replicas.ttl", TTL.toSeconds() + "s",
                "monitoring.collection.interval", "2s",
                "monitoring.collection.timeout", "1s",
                "mp.jwt.verify.publickey.location", publicKey.toString())).startBoth();
        String closed = "http://127.0.0.1:" + closedPort();
        try (CloudEventPublisher events = new CloudEventPublisher()) {
            for (int i = 1; i <= ENVIRONMENTS; i++) {
                String name = RUN + "-" + i;
                OWN_ENVIRONMENTS.add(name);
                events.publish(Topics.ENVIRONMENT, name, EventTypes.ENVIRONMENT_CREATED, name, new JsonObject()
                        .put("name", name).put("enabled", true)
                        .put("endpoints", new JsonObject().put("besuRpc", closed).put("cacti", closed).put("firefly", closed))
                        .encode());
            }
        }
    }

    @AfterAll
    static void stopTheReplicas() throws Exception {
        if (monitoring != null) {
            monitoring.close();
        }
        // Leave the compacted e2e topic without this run's environments.
        try (CloudEventPublisher events = new CloudEventPublisher()) {
            for (String name : OWN_ENVIRONMENTS) {
                events.publish(Topics.ENVIRONMENT, name, EventTypes.ENVIRONMENT_DELETED, name, new JsonObject().put("name", name).encode());
            }
        }
    }

    @Test
    void eachTargetIsCollectedByOneReplicaAndMovesWhenItsReplicaDiesOrStops() throws Exception {
        RunningService a = monitoring.first();
        RunningService b = monitoring.second();
        String idA = replicas(a).getString("answeredBy");
        String idB = replicas(b).getString("answeredBy");
        assertNotEquals(idA, idB);

        // Both live: the owned sets are disjoint, cover every target, and both replicas compute the same split.
        Map<String, String> owners = awaitOwners(a, view -> live(view).equals(Set.of(idA, idB)) && ownTargets(view) == 3 * ENVIRONMENTS);
        assertEquals(owners, owners(replicas(b)), "both replicas compute the same owner for every target");
        assertTrue(owners.values().containsAll(Set.of(idA, idB)), "with " + owners.size() + " targets each replica owns some");
        awaitCollectedByOwners(a, owners);

        // A killed: its row stays, its heartbeat ages; B takes its targets only once that heartbeat is older than the TTL.
        Instant lastHeartbeatSeen = OffsetDateTime.parse(replica(replicas(b), idA).getString("heartbeatAt")).toInstant();
        a.kill();
        Map<String, String> afterKill = awaitOwners(b, view -> live(view).equals(Set.of(idB)));
        Duration moved = Duration.between(lastHeartbeatSeen, Instant.now());
        assertTrue(moved.compareTo(TTL) >= 0, "targets moved " + moved + " after the killed replica's last heartbeat, before the TTL of " + TTL);
        assertTrue(afterKill.values().stream().allMatch(idB::equals), "the survivor owns every target: " + afterKill);
        assertEquals(owners.keySet(), afterKill.keySet());
        JsonObject deadA = replica(replicas(b), idA);
        assertFalse(deadA.getBoolean("live"), "the killed replica is still listed, not live: " + deadA);
        awaitCollectedByOwners(b, afterKill);

        // A again (a new replica id), then B stopped cleanly: it deletes its row, A takes everything at its next heartbeat.
        RunningService a2 = monitoring.startFirst();
        String idA2 = replicas(a2).getString("answeredBy");
        Map<String, String> rejoined = awaitOwners(a2, view -> live(view).equals(Set.of(idA2, idB)));
        assertTrue(rejoined.values().containsAll(Set.of(idA2, idB)), "the new replica took its share: " + rejoined);
        awaitCollectedByOwners(a2, rejoined);
        b.close();
        JsonObject afterStopView = replicas(a2);
        assertEquals(Set.of(idA2), live(afterStopView), "a replica that stopped cleanly is no member at once, not after the TTL");
        Map<String, String> afterStop = owners(afterStopView);
        assertTrue(afterStop.values().stream().allMatch(idA2::equals), "the remaining replica owns every target: " + afterStop);
        assertTrue(replicas(a2).getJsonArray("replicas").stream().noneMatch(replica -> idB.equals(((JsonObject) replica).getString("id"))),
                "a cleanly stopped replica leaves the membership table");
        awaitCollectedByOwners(a2, afterStop);
    }

    /** Waits until {@code replica}'s view satisfies {@code until}; then checks it and returns each target's owner. */
    private static Map<String, String> awaitOwners(RunningService replica, Predicate<JsonObject> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonObject view = replicas(replica);
        while (!until.test(view)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the replicas never reached the expected membership: " + view.encodePrettily());
            }
            Thread.sleep(200);
            view = replicas(replica);
        }
        return owners(view);
    }

    /** Each target's owner; fails unless the live replicas' sets are disjoint and cover every target. */
    private static Map<String, String> owners(JsonObject view) {
        Map<String, String> owners = new HashMap<>();
        int owned = 0;
        for (Object item : view.getJsonArray("replicas")) {
            JsonObject replica = (JsonObject) item;
            JsonArray targets = replica.getJsonArray("targets");
            if (!replica.getBoolean("live")) {
                assertTrue(targets.isEmpty(), "a replica that is not live owns nothing: " + replica);
            }
            assertEquals(targets.size(), replica.getInteger("ownedTargets"));
            for (Object key : targets) {
                String previous = owners.put((String) key, replica.getString("id"));
                assertEquals(null, previous, key + " is owned by " + previous + " and " + replica.getString("id"));
            }
            owned += targets.size();
        }
        assertEquals(view.getInteger("targets"), owned, "the live replicas own every target between them: " + view.encodePrettily());
        return owners;
    }

    /** Waits until every status of this run's targets was collected by its owner, after the owners were known. */
    private static void awaitCollectedByOwners(RunningService replica, Map<String, String> owners) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> wrong = List.of("nothing collected yet");
        while (System.nanoTime() < deadline) {
            wrong = new ArrayList<>();
            Set<String> seen = new TreeSet<>();
            for (String type : TYPES) {
                for (Object item : get(replica, "/api/monitoring/" + type)) {
                    JsonObject status = (JsonObject) item;
                    if (!OWN_ENVIRONMENTS.contains(status.getString("environment"))) {
                        continue;
                    }
                    String key = status.getString("environment") + "/" + status.getString("serviceType") + "/" + status.getString("serviceName");
                    seen.add(key);
                    if (!owners.get(key).equals(status.getString("collectedBy"))) {
                        wrong.add(key + " collected by " + status.getString("collectedBy") + ", owned by " + owners.get(key));
                    }
                }
            }
            if (wrong.isEmpty() && seen.size() == 3 * ENVIRONMENTS) {
                return;
            }
            if (seen.size() < 3 * ENVIRONMENTS) {
                wrong.add("statuses of " + seen.size() + " of " + 3 * ENVIRONMENTS + " targets");
            }
            Thread.sleep(500);
        }
        throw new AssertionError("statuses not collected by their owners: " + wrong);
    }

    private static Set<String> live(JsonObject view) {
        Set<String> live = new HashSet<>();
        for (Object replica : view.getJsonArray("replicas")) {
            if (((JsonObject) replica).getBoolean("live")) {
                live.add(((JsonObject) replica).getString("id"));
            }
        }
        return live;
    }

    private static long ownTargets(JsonObject view) {
        return view.getJsonArray("replicas").stream().flatMap(replica -> ((JsonObject) replica).getJsonArray("targets").stream())
                .filter(key -> OWN_ENVIRONMENTS.stream().anyMatch(name -> ((String) key).startsWith(name + "/"))).count();
    }

    private static JsonObject replica(JsonObject view, String id) {
        return view.getJsonArray("replicas").stream().map(JsonObject.class::cast).filter(replica -> id.equals(replica.getString("id")))
                .findFirst().orElseThrow(() -> new AssertionError(id + " not listed: " + view.encodePrettily()));
    }

    private static JsonObject replicas(RunningService replica) throws Exception {
        HttpResponse<String> answer = send(replica, "/api/monitoring/replicas");
        assertEquals(200, answer.statusCode(), answer.body());
        return new JsonObject(answer.body());
    }

    private static JsonArray get(RunningService replica, String path) throws Exception {
        HttpResponse<String> answer = send(replica, path);
        assertEquals(200, answer.statusCode(), answer.body());
        return new JsonArray(answer.body());
    }

    private static HttpResponse<String> send(RunningService replica, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(replica.uri(path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + TestTokens.forRole("viewer")).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A loopback port nothing listens on: the targets' endpoints refuse connections at once. */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
