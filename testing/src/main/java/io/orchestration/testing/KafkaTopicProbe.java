package io.orchestration.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * Watches a real Kafka topic from "now": open it before acting, then wait for the record the
 * action should produce. Records already on the topic are never seen.
 */
public final class KafkaTopicProbe implements AutoCloseable {

    public static final String BOOTSTRAP = System.getProperty("kafka.bootstrap.servers", "127.0.0.1:9092");

    private final KafkaConsumer<String, String> consumer;

    private KafkaTopicProbe(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = partitionsOf(topic);
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // position() resolves the end offsets now, before the caller acts.
        partitions.forEach(consumer::position);
    }

    /** A topic asked for the first time is auto-created and has no partitions for a moment: wait for them. */
    private List<TopicPartition> partitionsOf(String topic) {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            if (!partitions.isEmpty()) {
                return partitions;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("Topic " + topic + " has no partitions");
    }

    public static KafkaTopicProbe watch(String topic) {
        return new KafkaTopicProbe(topic);
    }

    /** The first new record matching {@code wanted}; fails the test when none arrives in time. */
    public ConsumerRecord<String, String> awaitRecord(Predicate<ConsumerRecord<String, String>> wanted, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (wanted.test(record)) {
                    return record;
                }
            }
        }
        throw new AssertionError("No matching record on " + consumer.assignment() + " within " + timeout);
    }

    /** Every new record that arrives within {@code window}. */
    public List<ConsumerRecord<String, String>> recordsWithin(Duration window) {
        Instant deadline = Instant.now().plus(window);
        List<ConsumerRecord<String, String>> seen = new java.util.ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return seen;
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static Map<String, String> cloudEventHeaders(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new java.util.TreeMap<>();
        for (Header header : record.headers()) {
            if (header.key().startsWith("ce_") || header.key().equals("content-type")) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
