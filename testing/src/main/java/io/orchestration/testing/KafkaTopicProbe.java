package io.orchestration.testing;

import io.orchestration.common.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Watches a real Kafka topic from "now": open it before acting, then wait for the record the
 * action should produce. Records already on the topic are never seen.
 */
public final class KafkaTopicProbe implements AutoCloseable {

    public static final String BOOTSTRAP = System.getProperty("kafka.bootstrap.servers", "127.0.0.1:9092");

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> passedOver = new ArrayList<>();

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

    /** Watches {@code topic} as this process names it ({@link Topics#named}: tests read their own prefixed topics). */
    public static KafkaTopicProbe watch(String topic) {
        return new KafkaTopicProbe(Topics.named(topic));
    }

    /**
     * The first new record matching {@code wanted}; fails the test when none arrives in time.
     * Records passed over stay available to later calls: events with different keys land on
     * different partitions, so they may arrive in any order.
     */
    public ConsumerRecord<String, String> awaitRecord(Predicate<ConsumerRecord<String, String>> wanted, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            for (Iterator<ConsumerRecord<String, String>> earlier = passedOver.iterator(); earlier.hasNext(); ) {
                ConsumerRecord<String, String> record = earlier.next();
                if (wanted.test(record)) {
                    earlier.remove();
                    return record;
                }
            }
            if (!Instant.now().isBefore(deadline)) {
                throw new AssertionError("No matching record on " + consumer.assignment() + " within " + timeout
                        + "; " + passedOver.size() + " others seen, keys " + passedOver.stream().map(ConsumerRecord::key).distinct().limit(10).toList());
            }
            consumer.poll(Duration.ofMillis(200)).forEach(passedOver::add);
        }
    }

    /** Every new record not yet returned, waiting {@code window} for more. */
    public List<ConsumerRecord<String, String>> recordsWithin(Duration window) {
        Instant deadline = Instant.now().plus(window);
        List<ConsumerRecord<String, String>> seen = new ArrayList<>(passedOver);
        passedOver.clear();
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
        Map<String, String> headers = new TreeMap<>();
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
