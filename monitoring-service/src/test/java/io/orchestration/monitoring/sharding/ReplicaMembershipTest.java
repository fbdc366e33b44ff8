package io.orchestration.monitoring.sharding;

import io.orchestration.monitoring.domain.ServiceType;
import io.orchestration.monitoring.domain.Target;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static io.orchestration.monitoring.support.MonitoringApi.announce;
import static io.orchestration.monitoring.support.MonitoringApi.as;
import static io.orchestration.monitoring.support.MonitoringApi.collect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sharding by live membership over the real database: the application's own replica plus members this test
 * registers in the same table (as other replicas would) split the targets so each has exactly one owner; a member
 * that stops heart-beating keeps its targets until the TTL passes, then they move; one that leaves cleanly gives
 * them up at once; and each reading names the replica that took it.
 */
@QuarkusTest
class ReplicaMembershipTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final Duration HEARTBEAT = Duration.ofMillis(500);
    /** The same TTL as the application's (%test.monitoring.replicas.ttl). */
    private static final Duration TTL = Duration.ofSeconds(2);
    private static boolean announced;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    ReplicaMembership app;

    private final List<ReplicaMember> members = new ArrayList<>();

    @BeforeEach
    void environmentsWithTargets() throws Exception {
        if (announced) {
            return;
        }
        for (int i = 0; i < 8; i++) {
            announce("shard-" + RUN + "-" + i, Map.of("besuRpc", "http://127.0.0.1:9/rpc", "cacti", "http://127.0.0.1:9",
                    "firefly", "http://127.0.0.1:9"));
        }
        announced = true;
    }

    @AfterEach
    void membersLeave() throws Throwable {
        for (ReplicaMember member : members) {
            VertxContextSupport.subscribeAndAwait(member::leave);
        }
    }

    @Test
    void theApplicationAndAnotherReplicaOwnDisjointSharesCoveringEveryTarget() throws Throwable {
        ReplicaMember other = join("other");

        await(() -> {
            JsonPath view = replicas();
            return liveIds(view).equals(Set.of(app.replicaId(), other.id())) && matchesOwnership(view, other);
        }, "the API and both replicas agree on who owns what");

        JsonPath view = replicas();
        Map<String, String> owners = ownersIn(view);
        assertEquals(view.getInt("targets"), owners.size(), "every target is owned by a live replica");
        List<String> ours = runTargets(view);
        assertEquals(24, ours.size());
        long byApp = ours.stream().filter(key -> owners.get(key).equals(app.replicaId())).count();
        long byOther = ours.stream().filter(key -> owners.get(key).equals(other.id())).count();
        assertEquals(24, byApp + byOther);
        assertTrue(byApp > 0 && byOther > 0, "both replicas own a share: " + byApp + " / " + byOther);
        for (String key : ours) {
            assertTrue(app.owns(target(key)) ^ other.owns(key), key + " has exactly one owner");
        }
    }

    @Test
    void aReplicaThatStopsHeartBeatingKeepsItsTargetsUntilTheTtlThenTheyMove() throws Throwable {
        ReplicaMember staying = join("staying");
        ReplicaMember crashing = join("crashing");
        awaitWarm(staying, crashing);
        List<String> ours = runTargets(replicas());
        List<String> crashingOwned = ours.stream().filter(crashing::owns).toList();
        assertFalse(crashingOwned.isEmpty(), "the member about to crash owns targets");

        crashing.stopHeartbeat();
        VertxContextSupport.subscribeAndAwait(staying::beat);
        assertTrue(staying.members().contains(crashing.id()), "a silent member is kept until its heartbeat is older than the TTL");
        crashingOwned.forEach(key -> assertFalse(staying.owns(key), key + " still belongs to the silent member"));

        Thread.sleep(TTL.plus(HEARTBEAT).toMillis());
        VertxContextSupport.subscribeAndAwait(staying::beat);

        assertFalse(staying.members().contains(crashing.id()), "dropped after the TTL");
        await(() -> !liveIds(replicas()).contains(crashing.id()), "the API lists the silent member as no longer live");
        await(() -> ours.stream().allMatch(key -> staying.owns(key) ^ app.owns(target(key))),
                "the silent member's targets are taken by the others, each by exactly one");
        assertTrue(crashingOwned.stream().allMatch(key -> staying.owns(key) || app.owns(target(key))));
    }

    @Test
    void aReplicaThatLeavesCleanlyGivesItsTargetsUpAtOnceAndAJoiningOneTakesOnlyItsShare() throws Throwable {
        ReplicaMember staying = join("staying");
        awaitWarm(staying);
        List<String> ours = runTargets(replicas());
        Map<String, Boolean> stayingBefore = new HashMap<>();
        ours.forEach(key -> stayingBefore.put(key, staying.owns(key)));

        ReplicaMember joining = join("joining");
        awaitWarm(staying, joining);
        for (String key : ours) {
            if (stayingBefore.get(key) != staying.owns(key)) {
                assertTrue(joining.owns(key), key + " moved, but not to the replica that joined");
            }
        }
        List<String> joiningOwned = ours.stream().filter(joining::owns).toList();
        assertFalse(joiningOwned.isEmpty(), "the joining replica took a share");

        VertxContextSupport.subscribeAndAwait(joining::leave);
        VertxContextSupport.subscribeAndAwait(staying::beat);

        assertFalse(staying.members().contains(joining.id()), "a clean leave takes effect at the next heartbeat, not after the TTL");
        ours.forEach(key -> assertEquals(stayingBefore.get(key), staying.owns(key), key + " is back with its owner before the join"));
        assertFalse(replicas().getList("replicas.id").contains(joining.id()), "its row is gone");
    }

    @Test
    void eachReadingNamesTheReplicaThatTookIt() {
        String environment = "shard-" + RUN + "-0";
        JsonPath health = new JsonPath(collect(environment).then().statusCode(200).extract().asString());
        assertEquals(List.of(app.replicaId(), app.replicaId(), app.replicaId()), health.getList("services.collectedBy"));
        assertEquals(app.replicaId(), replicas().getString("answeredBy"));
        assertTrue(replicas().getBoolean("replicas.find { it.self }.live"));
    }

    private ReplicaMember join(String role) throws Throwable {
        ReplicaMember member = new ReplicaMember(role + "-" + RUN, pool, vertx, HEARTBEAT, TTL);
        members.add(member);
        VertxContextSupport.subscribeAndAwait(member::join);
        return member;
    }

    /** Waits out the members' first heartbeat interval (they own nothing before every other member has seen them). */
    private static void awaitWarm(ReplicaMember... joined) throws Throwable {
        Thread.sleep(HEARTBEAT.multipliedBy(2).toMillis());
        for (ReplicaMember member : joined) {
            VertxContextSupport.subscribeAndAwait(member::beat);
        }
    }

    private boolean matchesOwnership(JsonPath view, ReplicaMember other) {
        Map<String, String> owners = ownersIn(view);
        return runTargets(view).stream().allMatch(key -> app.owns(target(key)) == owners.get(key).equals(app.replicaId())
                && other.owns(key) == owners.get(key).equals(other.id()));
    }

    private static JsonPath replicas() {
        return new JsonPath(as("viewer").get("/api/monitoring/replicas").then().statusCode(200).extract().asString());
    }

    private static Set<String> liveIds(JsonPath view) {
        return Set.copyOf(view.getList("replicas.findAll { it.live }.id", String.class));
    }

    private static Map<String, String> ownersIn(JsonPath view) {
        Map<String, String> owners = new HashMap<>();
        List<Map<String, Object>> replicas = view.getList("replicas");
        for (Map<String, Object> replica : replicas) {
            for (Object key : (List<?>) replica.get("targets")) {
                String previous = owners.put((String) key, (String) replica.get("id"));
                assertEquals(null, previous, key + " is listed under two replicas");
            }
        }
        return owners;
    }

    private static List<String> runTargets(JsonPath view) {
        return ownersIn(view).keySet().stream().filter(key -> key.startsWith("shard-" + RUN + "-")).sorted().toList();
    }

    private static Target target(String key) {
        String[] parts = key.split("/");
        return new Target(parts[0], ServiceType.fromId(parts[1]), parts[2], Map.of());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Timed out waiting until " + what);
    }
}
