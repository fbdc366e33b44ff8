package io.orchestration.testing;

import io.orchestration.common.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Publishes CloudEvents (binary mode) to the real Kafka broker, as a service's outbox relay would (to the topic as this process names it). */
public final class CloudEventPublisher implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    public CloudEventPublisher() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTopicProbe.BOOTSTRAP);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props);
    }

    /** Sends one event and waits for the broker's acknowledgement; returns its id. */
    public String publish(String topic, String key, String type, String subject, String jsonData) throws Exception {
        return publish(UUID.randomUUID().toString(), topic, key, type, subject, jsonData);
    }

    /** Sends one event with a chosen id, e.g. the same event again as a redelivery would; returns its id. */
    public String publish(String id, String topic, String key, String type, String subject, String jsonData) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.named(topic), key, jsonData);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", id);
        header(record, "ce_type", type);
        header(record, "ce_source", "/tests");
        header(record, "ce_subject", subject);
        header(record, "ce_time", OffsetDateTime.now(ZoneOffset.UTC).toString());
        header(record, "content-type", "application/json");
        producer.send(record).get(15, TimeUnit.SECONDS);
        return id;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
