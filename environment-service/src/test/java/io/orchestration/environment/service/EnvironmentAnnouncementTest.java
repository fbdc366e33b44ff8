package io.orchestration.environment.service;

import io.orchestration.common.events.EventTypes;
import io.orchestration.environment.support.EnvironmentEvents;
import io.orchestration.environment.support.TestCatalogue;
import io.orchestration.testing.KafkaTopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The state announcement a consumer that lost the topic's history rebuilds its view from. */
@QuarkusTest
@WithTestResource(TestCatalogue.class)
class EnvironmentAnnouncementTest {

    @Inject
    EnvironmentService environments;

    @Test
    void everyEnvironmentsCurrentStateIsAnnouncedOnce() throws Throwable {
        try (KafkaTopicProbe topic = EnvironmentEvents.watch()) {
            int announced = VertxContextSupport.subscribeAndAwait(environments::announceAll);

            Map<String, Boolean> enabledByName = new TreeMap<>();
            for (int i = 0; i < announced; i++) {
                ConsumerRecord<String, String> event = topic.awaitRecord(
                        r -> EventTypes.ENVIRONMENT_SNAPSHOT.equals(KafkaTopicProbe.header(r, "ce_type")), Duration.ofSeconds(10));
                JsonObject data = new JsonObject(event.value());
                assertEquals(event.key(), data.getString("name"));
                enabledByName.put(event.key(), data.getBoolean("enabled"));
            }

            assertEquals(10, announced, "the shipped catalogue's environments");
            assertEquals(10, enabledByName.size(), "one announcement per environment");
            assertEquals(false, enabledByName.get("oci-fra-dr"));
            assertEquals(true, enabledByName.get("azure-weu-prod"));
        }
    }
}
