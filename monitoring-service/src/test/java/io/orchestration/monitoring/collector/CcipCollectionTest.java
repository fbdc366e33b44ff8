package io.orchestration.monitoring.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.monitoring.support.CcipDevLane;
import io.orchestration.testing.HardhatDevChain;
import io.orchestration.testing.KafkaTopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.orchestration.monitoring.support.MonitoringApi.announce;
import static io.orchestration.monitoring.support.MonitoringApi.collect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CCIP collector against real Chainlink contracts on a hardhat dev chain: the CCIP Router v1.2
 * deployed from the bytecode in npm's {@code @chainlink/contracts-ccip}, LINK as fee token and a
 * MockV3Aggregator from {@code @chainlink/local}. Messages sent, executed and failed, tokens
 * transferred and feed rounds written by the test move what is collected.
 */
@QuarkusTest
class CcipCollectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String LANE = "ccip-lane-" + RUN;
    private static final String FEED = "ccip-feed-" + RUN;
    private static final String WRONG_CHAIN = "ccip-wrong-" + RUN;

    private static HardhatDevChain chain;
    private static CcipDevLane lane;

    @BeforeEach
    void laneIsDeployed() throws Exception {
        if (chain != null) {
            return;
        }
        chain = HardhatDevChain.start();
        lane = CcipDevLane.deploy(chain);
        announce(LANE, Map.of("besuRpc", chain.url(), "ccipRouter", lane.address("router")));
        announce(FEED, Map.of("besuRpc", chain.url(), "ccipRouter", lane.address("router"), "ccipFeeds", lane.address("feed")));
        // An address on this chain where no router was ever deployed: what a router of another chain looks like here.
        announce(WRONG_CHAIN, Map.of("besuRpc", chain.url(), "ccipRouter", "0x80226fc0Ee2b096224EeAc085Bb9a8cba1146f7D"));
    }

    @AfterAll
    static void stopChain() {
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void messagesTokenTransfersAndFeesFollowWhatIsSentAndExecuted() throws Exception {
        JsonPath before = ccipOf(LANE);
        assertEquals("up", before.getString("state"));
        assertEquals("Router 1.2.0", before.getString("facts.routerVersion"));
        assertEquals(lane.address("router"), before.getString("facts.routerAddress"));
        assertEquals(1.0, before.getDouble("values.supportedChains"));
        assertEquals("3478487238524512106", before.getString("facts.destinationChains"));
        assertEquals(0.0, before.getDouble("values.messagesSent"));

        lane.send("hello", BigInteger.ZERO);
        lane.send("with tokens", new BigInteger("500000000000000000"));
        lane.send("third", BigInteger.ZERO);
        lane.execute("hello");
        lane.execute("fail");

        JsonPath after = ccipOf(LANE);
        assertEquals(3.0, after.getDouble("values.messagesSent"));
        assertEquals(1.0, after.getDouble("values.tokenTransfers"));
        assertEquals(1.0, after.getDouble("values.messagesExecuted"));
        assertEquals(1.0, after.getDouble("values.messagesFailed"));
        // Executions on this loopback lane carry their own ids, so every sent message is still pending here.
        assertEquals(3.0, after.getDouble("values.messagesPending"));
        assertEquals(0.3, after.getDouble("values.feesPaid"), 1e-9);
        assertEquals(0.3, after.getDouble("values.feeTokenBalance"), 1e-9, "the OnRamp holds the LINK fees");
        assertEquals(lane.address("feeToken"), after.getString("facts.feeToken"));
        assertEquals("healthy", after.getString("health"));
    }

    @Test
    void feedAnswerRoundAndAgeAreReadAndAStaleFeedDegradesWithAnEvent() throws Exception {
        String key = "feed." + lane.address("feed").toLowerCase();
        lane.updateFeed(2_100_00000000L);
        JsonPath fresh = ccipOf(FEED);
        assertEquals(2100.0, fresh.getDouble("values.'" + key + ".answer'"));
        assertTrue(fresh.getDouble("values.'" + key + ".ageSeconds'") < 60);
        assertEquals("src/data-feeds/MockV3Aggregator.sol", fresh.getString("facts.'" + key + ".description'"));
        assertEquals(0.0, fresh.getDouble("values.staleFeeds"));
        long round = (long) fresh.getDouble("values.'" + key + ".roundId'");

        try (KafkaTopicProbe events = KafkaTopicProbe.watch(Topics.MONITORING)) {
            lane.backdateFeed(round + 1, 1_999_00000000L, 7_200);
            JsonPath stale = ccipOf(FEED);
            assertEquals(1999.0, stale.getDouble("values.'" + key + ".answer'"));
            assertEquals("degraded", stale.getString("health"));
            assertTrue(stale.getString("reasons[0]").startsWith("1 oracle feed(s) stale"), stale.getString("reasons[0]"));
            JsonNode event = JSON.readTree(events.awaitRecord(record -> FEED.equals(record.key())
                    && EventTypes.MONITORING_FEED_STALE.equals(KafkaTopicProbe.header(record, "ce_type")), Duration.ofSeconds(15)).value());
            assertEquals(lane.address("feed"), event.path("feed").asText());
            assertEquals(String.valueOf(round + 1), event.path("roundId").asText());
            assertEquals(3600, event.path("maxAgeSeconds").asLong());
            assertTrue(event.path("ageSeconds").asLong() >= 7_200, event.toString());
            assertEquals("src/data-feeds/MockV3Aggregator.sol", event.path("description").asText());
        }
        lane.updateFeed(2_050_00000000L);
        assertEquals("healthy", ccipOf(FEED).getString("health"));
    }

    @Test
    void routerAddressWithoutAContractIsAnErrorNamingTheChain() {
        JsonPath reading = ccipOf(WRONG_CHAIN);
        assertEquals("error", reading.getString("state"));
        assertEquals("unhealthy", reading.getString("health"));
        assertTrue(reading.getString("error").contains("no contract at router 0x80226fc0Ee2b096224EeAc085Bb9a8cba1146f7D on chain 31337"),
                reading.getString("error"));
    }

    private static JsonPath ccipOf(String environment) {
        String health = collect(environment).then().statusCode(200).extract().asString();
        return new JsonPath(health).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE))
                .setRootPath("services.find { it.serviceType == 'chainlink-ccip' }");
    }
}
