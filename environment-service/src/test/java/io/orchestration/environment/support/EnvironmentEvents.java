package io.orchestration.environment.support;

import io.orchestration.common.events.Topics;
import io.orchestration.testing.KafkaTopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.List;

/** The environment-events topic as a consumer sees it. */
public final class EnvironmentEvents {

    /** Enough for the relay (every 200 ms) to have sent anything the request committed. */
    public static final Duration QUIET_WINDOW = Duration.ofMillis(1500);
    public static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);

    private EnvironmentEvents() {
    }

    /** Watches the topic from now, once every earlier event has been sent. */
    public static KafkaTopicProbe watch() {
        EnvironmentTable.awaitOutboxDrained();
        return KafkaTopicProbe.watch(Topics.ENVIRONMENT);
    }

    /** The next event about {@code name}; fails when none arrives. */
    public static ConsumerRecord<String, String> nextAbout(KafkaTopicProbe probe, String name) {
        return probe.awaitRecord(record -> name.equals(record.key()), DELIVERY_TIMEOUT);
    }

    public static String typeOf(ConsumerRecord<?, ?> record) {
        return KafkaTopicProbe.header(record, "ce_type");
    }

    /** The types of the events about {@code name} that arrive within the quiet window. */
    public static List<String> typesAbout(KafkaTopicProbe probe, String name) {
        return probe.recordsWithin(QUIET_WINDOW).stream()
                .filter(record -> name.equals(record.key()))
                .map(EnvironmentEvents::typeOf)
                .toList();
    }
}
