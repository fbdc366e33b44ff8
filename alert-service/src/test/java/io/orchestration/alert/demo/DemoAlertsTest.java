package io.orchestration.alert.demo;

import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.testing.CloudEventPublisher;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.orchestration.alert.support.Callers.as;
import static io.orchestration.alert.support.Callers.awaitUntil;
import static io.orchestration.alert.support.Callers.unique;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With demo seeding on and no real alert stored, environments announced on environment-events get
 * labelled demo alerts, about 30 % of them; once a real alert exists, none are added.
 */
@QuarkusTest
@TestProfile(DemoAlertsTest.DemoSeeding.class)
class DemoAlertsTest {

    public static class DemoSeeding implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Other developers' tests publish real monitoring and cost events meanwhile; their alerts would end the demo.
            return Map.of("alert.demo.seed", "true",
                    "mp.messaging.incoming.deployment-events.enabled", "false",
                    "mp.messaging.incoming.monitoring-events.enabled", "false",
                    "mp.messaging.incoming.cost-events.enabled", "false");
        }
    }

    private static Connection database() throws Exception {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), config.getValue("quarkus.datasource.password", String.class));
    }

    private static String announce(CloudEventPublisher kafka, String name) throws Exception {
        return kafka.publish(Topics.ENVIRONMENT, name, EventTypes.ENVIRONMENT_CREATED, name, """
                {"name": "%s", "provider": "aws", "type": "cloud", "enabled": true, "dryRun": true, "components": {"besu-rpc": true}}"""
                .formatted(name));
    }

    private static List<Map<String, Object>> demoAlertsOf(String environment) {
        return as("viewer").get("/api/alerts?environment={env}&source=demo", environment).then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    private static String chosenName() {
        while (true) {
            String name = unique("demo");
            if (DemoAlerts.chosen(name)) {
                return name;
            }
        }
    }

    private static boolean applied(String eventId) {
        try (Connection db = database();
             PreparedStatement query = db.prepareStatement("select 1 from processed_event where consumer = ? and event_id = ?")) {
            query.setString(1, "alert-service.environments");
            query.setString(2, eventId);
            try (ResultSet found = query.executeQuery()) {
                return found.next();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anEmptyDatabaseGetsLabelledDemoAlertsForAboutAThirdOfTheEnvironments() throws Exception {
        try (Connection db = database()) {
            db.createStatement().executeUpdate("delete from alert");
        }
        try (CloudEventPublisher kafka = new CloudEventPublisher()) {
            // The test's consumer group starts at the newest offset once assigned: announce until it listens.
            String first = chosenName();
            awaitUntil(() -> {
                try {
                    announce(kafka, first);
                    Thread.sleep(1000);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                return !demoAlertsOf(first).isEmpty();
            }, Duration.ofSeconds(60), "environment-events to reach the consumer");

            List<String> names = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                names.add(unique("demo"));
            }
            List<String> ids = new ArrayList<>();
            for (String name : names) {
                ids.add(announce(kafka, name));
            }
            awaitUntil(() -> ids.stream().allMatch(DemoAlertsTest::applied), Duration.ofSeconds(30), "every announcement applied");

            Set<String> seeded = names.stream().filter(name -> !demoAlertsOf(name).isEmpty()).collect(Collectors.toSet());
            assertEquals(names.stream().filter(DemoAlerts::chosen).collect(Collectors.toSet()), seeded);
            assertTrue(seeded.size() > 0 && seeded.size() < names.size(), "some environments, not all: " + seeded.size());

            List<Map<String, Object>> all = new ArrayList<>(demoAlertsOf(first));
            seeded.forEach(name -> all.addAll(demoAlertsOf(name)));
            assertTrue(all.stream().allMatch(a -> "demo".equals(a.get("source"))));
            assertTrue(all.stream().map(a -> a.get("severity")).distinct().count() > 1, "mixed severities");
            assertTrue(all.stream().anyMatch(a -> Boolean.TRUE.equals(a.get("acknowledged"))), "some acknowledged");
            assertTrue(all.stream().anyMatch(a -> Boolean.FALSE.equals(a.get("acknowledged"))), "some not");

            // Announced again: still the same alerts, none counted twice.
            String again = announce(kafka, first);
            awaitUntil(() -> applied(again), Duration.ofSeconds(30), "the repeated announcement");
            assertTrue(demoAlertsOf(first).stream().allMatch(a -> Integer.valueOf(1).equals(a.get("count"))));

            // A real alert ends the demo.
            as("operator").contentType("application/json")
                    .body("{\"environment\": \"real-env\", \"name\": \"real\", \"severity\": \"info\", \"message\": \"a real one\"}")
                    .post("/api/alerts").then().statusCode(anyOf(is(200), is(201)));
            String late = chosenName();
            String lateId = announce(kafka, late);
            awaitUntil(() -> applied(lateId), Duration.ofSeconds(30), "the late announcement");
            assertEquals(List.of(), demoAlertsOf(late));
        }
    }
}
