package io.orchestration.systemtests;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A single-node KRaft Kafka broker of the test's own, started from the jars ./portal fetches (.portal/kafka/lib) the
 * way deploy/local/kafka.sh starts the shared one, on free ports and a temporary log directory: a fault test may stop
 * and restart it while the shared broker (9092) keeps serving everyone else.
 */
final class PrivateKafka implements AutoCloseable {

    private static final Path LIB = RunningService.ROOT.resolve(".portal/kafka/lib");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path directory;
    private final Path config;
    private final Path log;
    private final int port;
    private Process broker;

    private PrivateKafka(Path directory, int port) {
        this.directory = directory;
        this.config = directory.resolve("server.properties");
        this.log = RunningService.ROOT.resolve("system-tests/target/private-kafka.log");
        this.port = port;
    }

    /** Formats a fresh log directory and starts the broker; fails when the Kafka jars have not been fetched. */
    static PrivateKafka start() throws Exception {
        if (!Files.isDirectory(LIB)) {
            throw new IllegalStateException(LIB + " is missing: ./portal fetches the Kafka jars there (deploy/local/kafka.sh)");
        }
        PrivateKafka kafka = new PrivateKafka(Files.createTempDirectory("private-kafka"), freePort());
        kafka.format();
        kafka.startBroker();
        return kafka;
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Stops the broker cleanly (SIGTERM), as an operator or an orchestrator stops Kafka. */
    void stop() throws InterruptedException {
        broker.destroy();
        if (!broker.waitFor(30, TimeUnit.SECONDS)) {
            broker.destroyForcibly();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts the broker again on the same ports and log directory. */
    void restart() throws Exception {
        startBroker();
    }

    void createTopics(List<String> names, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            admin.createTopics(names.stream().map(name -> new NewTopic(name, partitions, (short) 1)).toList()).all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /** The value of {@code header} of every record on {@code topic}, from the first offset to the last. */
    List<String> headerValues(String topic, String header) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end offsets " + ends);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    Header value = record.headers().lastHeader(header);
                    values.add(value == null ? null : new String(value.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    @Override
    public void close() throws Exception {
        if (broker != null && broker.isAlive()) {
            stop();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private void format() throws Exception {
        int controllerPort = freePort();
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + directory.resolve("data"),
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "num.partitions=3",
                "num.network.threads=2",
                "num.io.threads=2",
                "") + "\n");
        Files.writeString(directory.resolve("log4j2.properties"), String.join("\n",
                "status = warn",
                "appender.console.type = Console",
                "appender.console.name = STDOUT",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = warn",
                "rootLogger.appenderRef.stdout.ref = STDOUT",
                "logger.server.name = kafka.server.KafkaRaftServer",
                "logger.server.level = info",
                ""));
        Files.createDirectories(log.getParent());
        Process format = java("-Xmx256m", "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", config.toString()).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException("kafka StorageTool format failed; see " + log);
        }
    }

    private void startBroker() throws Exception {
        broker = java("-Xmx320m", "kafka.Kafka", config.toString())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!listening()) {
            if (!broker.isAlive() || System.nanoTime() > deadline) {
                broker.destroyForcibly();
                throw new IllegalStateException("the private Kafka broker did not open " + bootstrap() + "; see " + log);
            }
            Thread.sleep(250);
        }
    }

    private ProcessBuilder java(String heap, String... mainAndArguments) {
        List<String> command = new ArrayList<>(List.of("java", heap, "-XX:+UseSerialGC",
                "-Dlog4j2.configurationFile=" + directory.resolve("log4j2.properties"), "-cp", LIB + "/*"));
        command.addAll(List.of(mainAndArguments));
        return new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
