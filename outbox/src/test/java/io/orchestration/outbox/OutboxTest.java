package io.orchestration.outbox;

import io.orchestration.testing.KafkaTopicProbe;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox against the real PostgreSQL and Kafka: an event leaves exactly when its transaction commits. */
@QuarkusTest
class OutboxTest {

    private static final String TOPIC = "outbox-test-events";
    private static final String TYPE = "io.orchestration.test.happened";

    @Inject
    Outbox outbox;

    @Inject
    ProcessedEvents processedEvents;

    @Test
    void committedEventIsRelayedAsACloudEventAndMarkedPublished() throws Throwable {
        String key = "key-" + UUID.randomUUID();
        try (KafkaTopicProbe topic = KafkaTopicProbe.watch(TOPIC)) {
            UUID id = inTransaction(() -> outbox.publish(TOPIC, key, TYPE, "subject-1", Map.of("answer", 42)));

            ConsumerRecord<String, String> record = topic.awaitRecord(r -> key.equals(r.key()), Duration.ofSeconds(15));
            Map<String, String> headers = KafkaTopicProbe.cloudEventHeaders(record);
            assertEquals(id.toString(), headers.get("ce_id"));
            assertEquals(TYPE, headers.get("ce_type"));
            assertEquals("/outbox-test", headers.get("ce_source"));
            assertEquals("subject-1", headers.get("ce_subject"));
            assertEquals("1.0", headers.get("ce_specversion"));
            assertNotNull(headers.get("ce_time"));
            assertEquals("application/json", headers.get("content-type"));
            assertEquals(42, new JsonObject(record.value()).getInteger("answer"));
        }
        awaitPublished(key);
    }

    @Test
    void eventOfARolledBackTransactionIsNeverStoredNorSent() throws Throwable {
        String key = "key-" + UUID.randomUUID();
        try (KafkaTopicProbe topic = KafkaTopicProbe.watch(TOPIC)) {
            assertThrows(IllegalStateException.class, () -> inTransaction(() -> outbox.publish(TOPIC, key, TYPE, key, Map.of())
                    .chain(() -> Uni.createFrom().failure(new IllegalStateException("the change failed")))));

            assertEquals(0L, (long) VertxContextSupport.subscribeAndAwait(
                    () -> Panache.withSession(() -> OutboxEvent.count("recordKey", key))));
            assertTrue(topic.recordsWithin(Duration.ofSeconds(2)).stream().noneMatch(r -> key.equals(r.key())));
        }
    }

    @Test
    void eventsOfOneKeyArriveInTheOrderTheirTransactionsCommitted() throws Throwable {
        String key = "key-" + UUID.randomUUID();
        int count = 25;
        try (KafkaTopicProbe topic = KafkaTopicProbe.watch(TOPIC)) {
            for (int i = 0; i < count; i++) {
                int sequence = i;
                inTransaction(() -> outbox.publish(TOPIC, key, TYPE, key, Map.of("sequence", sequence)));
            }

            List<Integer> received = new ArrayList<>();
            while (received.size() < count) {
                ConsumerRecord<String, String> record = topic.awaitRecord(r -> key.equals(r.key()), Duration.ofSeconds(15));
                received.add(new JsonObject(record.value()).getInteger("sequence"));
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                expected.add(i);
            }
            assertEquals(expected, received);
        }
    }

    @Test
    void redeliveredEventIsAppliedOnlyOnce() throws Throwable {
        String eventId = UUID.randomUUID().toString();
        AtomicInteger applied = new AtomicInteger();

        boolean first = VertxContextSupport.subscribeAndAwait(() -> processedEvents.applyOnce("test-consumer", eventId,
                () -> Uni.createFrom().item(applied.incrementAndGet())));
        boolean second = VertxContextSupport.subscribeAndAwait(() -> processedEvents.applyOnce("test-consumer", eventId,
                () -> Uni.createFrom().item(applied.incrementAndGet())));
        boolean otherConsumer = VertxContextSupport.subscribeAndAwait(() -> processedEvents.applyOnce("another-consumer", eventId,
                () -> Uni.createFrom().item(applied.incrementAndGet())));

        assertTrue(first);
        assertFalse(second);
        assertTrue(otherConsumer, "each consumer applies an event once, independently of the others");
        assertEquals(2, applied.get());
    }

    @Test
    void failedEffectIsNotRecordedSoTheRedeliveryAppliesIt() throws Throwable {
        String eventId = UUID.randomUUID().toString();

        assertThrows(IllegalStateException.class, () -> VertxContextSupport.subscribeAndAwait(() -> processedEvents.applyOnce(
                "test-consumer", eventId, () -> Uni.createFrom().failure(new IllegalStateException("database hiccup")))));
        boolean retried = VertxContextSupport.subscribeAndAwait(() -> processedEvents.applyOnce("test-consumer", eventId,
                () -> Uni.createFrom().voidItem()));

        assertTrue(retried);
    }

    private static UUID inTransaction(java.util.function.Supplier<Uni<UUID>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
    }

    private static void awaitPublished(String key) throws Throwable {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            long published = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                    () -> OutboxEvent.count("recordKey = ?1 and publishedAt is not null", key)));
            if (published == 1) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The relayed event was never marked published");
    }
}
