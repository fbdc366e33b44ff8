package io.orchestration.monitoring.collector;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.orchestration.monitoring.config.MonitoringConfig;
import io.orchestration.monitoring.domain.Reading;
import io.orchestration.monitoring.domain.ReadingState;
import io.orchestration.monitoring.domain.ServiceType;
import io.orchestration.monitoring.domain.Target;
import io.orchestration.monitoring.service.TargetCatalog;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever a JSON-RPC server answers, Besu and CCIP collection end, within the collection timeout,
 * in a reading: up, unreachable, or error with the collectors' own reason; never an exception that
 * escaped the collectors' handling (its class name would then lead the reason) and never a hang.
 *
 * <p>The input is a script of replies, one line each: {@code <slot> <reply body>}, where the slot is
 * the JSON-RPC method ({@code eth_blockNumber}, ...); for eth_call {@code eth_call:<function>}
 * ({@code typeAndVersion}, {@code decimals}, {@code balanceOf}, {@code latestRoundData},
 * {@code description}); for eth_getLogs {@code eth_getLogs:<query>} ({@code router} for the Router's
 * ramp events, {@code sent} for CCIPSendRequested, {@code executed} for ExecutionStateChanged). A body starting with {@code !NNN } is sent with HTTP status NNN. A slot the
 * script does not name answers a JSON-RPC "method not found" error. The replies come from a real HTTP
 * server on a loopback port, read by the collectors' own web3j clients.
 * Seeds: JsonRpcReplyFuzzTestInputs/collectionEndsInAReading/.
 */
class JsonRpcReplyFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOT_FOUND = "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}";
    /** What Collector.guarded reports for a failure that none of the collectors' own checks turned into a reason. */
    private static final Pattern ESCAPED = Pattern.compile("^[A-Za-z0-9_$]*(Exception|Error)\\b.*", Pattern.DOTALL);
    private static final Map<String, String> SELECTORS = Map.of(
            selector("typeAndVersion()"), "typeAndVersion", selector("decimals()"), "decimals",
            selector("balanceOf(address)"), "balanceOf", selector("latestRoundData()"), "latestRoundData",
            selector("description()"), "description");
    private static final Map<String, String> LOG_QUERIES = Map.of(CcipCollector.ON_RAMP_SET, "router",
            CcipCollector.SEND_REQUESTED, "sent", CcipCollector.EXECUTION_STATE_CHANGED, "executed");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost");
    private static final String ROUTER = "0x80226fc0Ee2b096224EeAc085Bb9a8cba1146f7D";

    private static HttpServer server;
    private static ExecutorService handlers;
    private static JsonRpcNodes nodes;
    private static MonitoringConfig config;
    private static volatile Map<String, String> script = Map.of();

    @BeforeAll
    static void startServer() throws IOException {
        config = new SmallRyeConfigBuilder().withMapping(MonitoringConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValue("monitoring.collection.timeout", "5s")
                .withDefaultValue("monitoring.ccip.max-log-range", "1000")
                .build().getConfigMapping(MonitoringConfig.class);
        nodes = new JsonRpcNodes(config);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        handlers = Executors.newFixedThreadPool(4);
        server.setExecutor(handlers);
        server.createContext("/", JsonRpcReplyFuzzTest::answer);
        server.start();
    }

    @AfterAll
    static void stopServer() {
        nodes.close();
        server.stop(0);
        handlers.shutdownNow();
    }

    @FuzzTest(maxDuration = "10s")
    void collectionEndsInAReading(@NotNull String replies) {
        // Jazzer's SSRF detector flags every connection: the only one expected is to the replaying server. Allowed at
        // every input (the detector starts afresh when fuzzing follows the seeds' replay in the same JVM) and never
        // withdrawn: web3j calls run on its own threads, and a call the collectors stopped waiting for (the
        // collection timeout) may still connect after its input's collection has returned.
        BugDetectors.allowNetworkConnections((host, port) -> port == server.getAddress().getPort() && LOOPBACK.contains(host));
        collect(replies).forEach(JsonRpcReplyFuzzTest::check);
    }

    /** The harness reaches deep: the seeds of a healthy node and a working CCIP lane give readings with their values. */
    @Test
    void wellFormedRepliesGiveUpReadingsWithTheirValues() throws IOException {
        List<Reading> node = collect(seed("healthy-node"));
        assertEquals(ReadingState.UP, node.get(0).state(), node.get(0)::toString);
        assertEquals(16.0, node.get(0).value("blockNumber"));
        List<Reading> lane = collect(seed("ccip-lane"));
        assertEquals(ReadingState.UP, lane.get(1).state(), lane.get(1)::toString);
        assertEquals(1.0, lane.get(1).value("supportedChains"));
        assertEquals(1.0, lane.get(1).value("messagesExecuted"));
        assertEquals(1.0, lane.get(1).value("feeTokenBalance"), "10^18 units of an 18-decimal token");
        assertEquals(1.0, lane.get(1).value("feeds"));
    }

    /** Logs the ledger cannot read are the target's fault, and the reading says which. */
    @Test
    void malformedLaneLogsGiveErrorReadingsSayingWhy() throws IOException {
        Reading noTopics = collect(seed("log-without-topics")).get(1);
        assertEquals(ReadingState.ERROR, noTopics.state(), noTopics::toString);
        assertTrue(noTopics.error().startsWith("a Router ramp event without its chain selector"), noTopics::toString);
        Reading noState = collect(seed("execution-without-data")).get(1);
        assertEquals(ReadingState.ERROR, noState.state(), noState::toString);
        assertTrue(noState.error().startsWith("ExecutionStateChanged data is not"), noState::toString);
    }

    /** Besu's reading, then CCIP's, from a script of replies. */
    private static List<Reading> collect(String replies) {
        script = parse(replies);
        String rpc = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        Target besu = new Target("fuzz", ServiceType.BESU, "besu-rpc", Map.of(BesuCollector.RPC, rpc));
        Target ccip = new Target("fuzz", ServiceType.CHAINLINK_CCIP, "ccip", Map.of(BesuCollector.RPC, rpc,
                TargetCatalog.CCIP_ROUTER, ROUTER, CcipCollector.FEEDS, "0x0000000000000000000000000000000000000fee",
                CcipCollector.FEE_TOKEN, "0x0000000000000000000000000000000000000a11"));
        return List.of(new BesuCollector(nodes, new HttpFetcher(config), config).collect(besu).await().atMost(Duration.ofSeconds(30)),
                new CcipCollector(nodes, config).collect(ccip).await().atMost(Duration.ofSeconds(30)));
    }

    private static String seed(String name) throws IOException {
        try (InputStream in = JsonRpcReplyFuzzTest.class.getResourceAsStream("JsonRpcReplyFuzzTestInputs/collectionEndsInAReading/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String selector(String signature) {
        return Hash.sha3String(signature).substring(0, 10);
    }

    private static void check(Reading reading) {
        assertNotNull(reading);
        assertTrue(EnumSet.of(ReadingState.UP, ReadingState.UNREACHABLE, ReadingState.ERROR).contains(reading.state()), reading::toString);
        if (reading.state() != ReadingState.UP) {
            assertNotNull(reading.error(), reading::toString);
            assertFalse(ESCAPED.matcher(reading.error()).matches(), () -> "an exception escaped collection: " + reading);
        }
    }

    private static Map<String, String> parse(String text) {
        Map<String, String> replies = new HashMap<>();
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                replies.putIfAbsent(line.substring(0, space), line.substring(space + 1));
            }
        }
        return replies;
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String reply = script.getOrDefault(slotOf(exchange.getRequestBody().readAllBytes()), NOT_FOUND);
            int status = 200;
            if (reply.length() >= 5 && reply.charAt(0) == '!' && reply.substring(1, 4).chars().allMatch(Character::isDigit)) {
                status = Math.max(200, Integer.parseInt(reply.substring(1, 4)));
                reply = reply.substring(reply.length() > 4 && reply.charAt(4) == ' ' ? 5 : 4);
            }
            byte[] body = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String slotOf(byte[] request) {
        try {
            JsonNode call = JSON.readTree(request);
            String method = call.path("method").asText();
            JsonNode params = call.path("params").path(0);
            if (method.equals("eth_call")) {
                String data = params.path("data").asText();
                return method + ":" + SELECTORS.getOrDefault(data.length() >= 10 ? data.substring(0, 10) : data, data);
            }
            if (method.equals("eth_getLogs")) {
                JsonNode first = params.path("topics").path(0);
                String topic = first.isArray() ? first.path(0).asText() : first.asText();
                return method + ":" + LOG_QUERIES.getOrDefault(topic, topic);
            }
            return method;
        } catch (IOException e) {
            return "";
        }
    }
}
