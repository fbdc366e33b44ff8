package io.orchestration.monitoring.events;

import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.monitoring.support.ReplayServer;
import io.orchestration.testing.CloudEventPublisher;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.orchestration.monitoring.support.MonitoringApi.announce;
import static io.orchestration.monitoring.support.MonitoringApi.as;
import static io.orchestration.monitoring.support.MonitoringApi.collect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * admin-service's service-updated events, published on the real admin-events topic as admin-service's outbox does:
 * a service type the administrator disables is no longer asked and says who disabled it when; enabled again it is
 * collected again, at the administrator's interval; an older event does not undo a newer one.
 */
@QuarkusTest
class ServiceConfigurationTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String ENVIRONMENT = "cfg-" + RUN;
    private static final String NAMESPACE = "/api/v1/namespaces/default";
    private static ReplayServer firefly;

    @Inject
    Pool pool;

    @BeforeEach
    void fireflyIsMonitoredAndTheIntakeListens() throws Exception {
        if (firefly != null) {
            return;
        }
        firefly = ReplayServer.start()
                .json("/api/v1/status", ReplayServer.resource("firefly/status.json"))
                .json("/api/v1/namespaces", ReplayServer.resource("firefly/namespaces.json"))
                .json(NAMESPACE + "/apis", page(3))
                .json(NAMESPACE + "/transactions", page(12))
                .json(NAMESPACE + "/operations?status=Pending&limit=1&count=true", page(0))
                .json(NAMESPACE + "/operations?status=Failed&limit=1&count=true", page(0));
        announce(ENVIRONMENT, Map.of("firefly", firefly.url("")));
        // The test consumer starts at the latest offset: events sent before it reads firefly's partition would be
        // missed, so firefly's own (harmless) setting is sent until one arrives.
        String probe = "probe-" + RUN;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (setting("firefly") == null || !probe.equals(setting("firefly").getString("updatedBy"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("monitoring never took a service-updated event from admin-events");
            }
            serviceUpdated("firefly", "firefly", true, "{\"collectionIntervalSeconds\": 15}", probe, OffsetDateTime.now(ZoneOffset.UTC));
            Thread.sleep(1_000);
        }
    }

    @AfterEach
    void fireflyIsEnabledAgain() throws Exception {
        serviceUpdated("firefly", true, "{\"collectionIntervalSeconds\": 15}", "test-cleanup", OffsetDateTime.now(ZoneOffset.UTC));
        awaitSetting("firefly", setting -> setting.getBoolean("enabled") && "test-cleanup".equals(setting.getString("updatedBy")));
        pool.preparedQuery("delete from service_setting where name like $1").execute(Tuple.of("probe-" + RUN + "%")).await().indefinitely();
    }

    @AfterAll
    static void stopReplay() {
        if (firefly != null) {
            firefly.close();
        }
    }

    @Test
    void aDisabledServiceIsNotAskedAndSaysWhoDisabledItThenIsCollectedAgainWhenEnabled() throws Exception {
        assertEquals("up", fireflyIn(collect(ENVIRONMENT)).getString("state"));

        // Milliseconds survive the round trip through PostgreSQL unchanged; seconds could make it older than the last setting.
        OffsetDateTime disabledAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        serviceUpdated("firefly", false, "{\"collectionIntervalSeconds\": 15}", "alice-" + RUN, disabledAt);
        awaitSetting("firefly", setting -> !setting.getBoolean("enabled"));
        int asked = firefly.requests();

        JsonPath disabled = fireflyIn(collect(ENVIRONMENT));

        assertEquals(asked, firefly.requests(), "a disabled service is not asked");
        assertEquals("disabled", disabled.getString("state"));
        assertEquals("unknown", disabled.getString("health"));
        assertEquals(List.of("disabled by the administrator (alice-" + RUN + ", " + disabledAt + ")"), disabled.getList("reasons"));
        assertEquals(Map.of(), disabled.getMap("values"), "no figures, not zeros");
        assertEquals("alice-" + RUN, disabled.getString("facts.disabledBy"));
        assertEquals(null, disabled.getString("error"));
        JsonPath stored = new JsonPath(as("viewer").get("/api/monitoring/firefly").then().statusCode(200).extract().asString())
                .setRootPath("find { it.environment == '" + ENVIRONMENT + "' }");
        assertEquals("disabled", stored.getString("state"));

        serviceUpdated("firefly", true, "{\"collectionIntervalSeconds\": 20, \"timeoutSeconds\": 5}", "bob-" + RUN,
                OffsetDateTime.now(ZoneOffset.UTC));
        JsonPath enabled = awaitSetting("firefly", setting -> setting.getBoolean("enabled"));
        assertEquals(20, enabled.getInt("collectionIntervalSeconds"));
        assertEquals("bob-" + RUN, enabled.getString("updatedBy"));

        JsonPath resumed = fireflyIn(collect(ENVIRONMENT));
        assertEquals("up", resumed.getString("state"));
        assertEquals(12.0, resumed.getDouble("values.transactionsTotal"));
        assertTrue(firefly.requests() > asked, "asked again once enabled");
    }

    @Test
    void anOlderEventDoesNotUndoANewerSetting() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        serviceUpdated("firefly", false, "{}", "newer-" + RUN, now);
        serviceUpdated("firefly", true, "{}", "older-" + RUN, now.minusMinutes(5));
        // Sent with firefly's key, so it lands behind the two firefly events and is applied after them.
        String probe = "probe-" + RUN + "-order";
        serviceUpdated("firefly", probe, true, "{}", "set-up", now);
        awaitSetting(probe, setting -> true);

        JsonPath firefly = setting("firefly");
        assertEquals(false, firefly.getBoolean("enabled"));
        assertEquals("newer-" + RUN, firefly.getString("updatedBy"));
        assertEquals("disabled", fireflyIn(collect(ENVIRONMENT)).getString("state"));
    }

    private static void serviceUpdated(String name, boolean enabled, String config, String by, OffsetDateTime at) throws Exception {
        serviceUpdated(name, name, enabled, config, by, at);
    }

    /** A service-updated event as admin-service's outbox sends it (keyed by the service name unless {@code key} says otherwise). */
    private static void serviceUpdated(String key, String name, boolean enabled, String config, String by, OffsetDateTime at) throws Exception {
        String data = """
                {"name": "%s", "enabled": %s, "config": %s, "updatedBy": "%s", "updatedAt": "%s"}""".formatted(name, enabled, config, by, at);
        try (CloudEventPublisher kafka = new CloudEventPublisher()) {
            kafka.publish(Topics.ADMIN, key, EventTypes.ADMIN_SERVICE_UPDATED, name, data);
        }
    }

    private static JsonPath setting(String name) {
        String body = as("viewer").get("/api/monitoring/settings").then().statusCode(200).extract().asString();
        List<Map<String, Object>> settings = new JsonPath(body).getList("");
        return settings.stream().anyMatch(setting -> name.equals(setting.get("name")))
                ? new JsonPath(body).setRootPath("find { it.name == '" + name + "' }") : null;
    }

    private static JsonPath awaitSetting(String name, Predicate<JsonPath> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath setting = setting(name);
            if (setting != null && condition.test(setting)) {
                return setting;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("monitoring never applied the expected setting of " + name);
    }

    private static JsonPath fireflyIn(Response health) {
        return new JsonPath(health.then().statusCode(200).extract().asString())
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE))
                .setRootPath("services.find { it.serviceType == 'firefly' }");
    }

    private static String page(long total) {
        return "{\"count\": " + Math.min(total, 1) + ", \"total\": " + total + ", \"items\": []}";
    }
}
