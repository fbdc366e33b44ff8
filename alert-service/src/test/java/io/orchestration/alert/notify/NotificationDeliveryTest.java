package io.orchestration.alert.notify;

import io.orchestration.alert.support.GreenMailSmtp;
import io.orchestration.testing.HttpReceiver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.orchestration.alert.support.Callers.as;
import static io.orchestration.alert.support.Callers.awaitUntil;
import static io.orchestration.alert.support.Callers.unique;
import static io.orchestration.alert.support.Channels.awaitSettled;
import static io.orchestration.alert.support.Channels.create;
import static io.orchestration.alert.support.Channels.deliveriesOf;
import static io.orchestration.alert.support.Channels.raise;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Notifications reach a real SMTP server (GreenMail) and a local HTTP receiver standing in for Slack,
 * PagerDuty and a customer's webhook, in their exact shapes, once per channel, retried while the receiver is down.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailSmtp.class)
class NotificationDeliveryTest {

    private static final String SECRET = "s3cret-signing-key-0123";
    private static final String ROUTING_KEY = "R0UT1NGKEY00000000000000000000ab";

    private HttpReceiver receiver;
    private final List<String> channels = new ArrayList<>();

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpReceiver.start();
        receiver.answer("/pagerduty", 202, "{\"status\":\"success\",\"message\":\"Event processed\"}");
    }

    @AfterEach
    void cleanUp() {
        channels.forEach(io.orchestration.alert.support.Channels::delete);
        receiver.close();
    }

    private String channel(String json) {
        String id = create(json);
        channels.add(id);
        return id;
    }

    /** One channel of each type for one environment, with the given timings. */
    private void everyChannelFor(String env, String groupWait, String repeatInterval) {
        String common = "\"environments\": [\"%s\"], \"groupWait\": \"%s\", \"repeatInterval\": \"%s\", \"minSeverity\": \"warning\""
                .formatted(env, groupWait, repeatInterval);
        channel("{\"name\": \"%s\", \"type\": \"slack\", \"url\": \"%s\", %s}".formatted(unique("slack"), receiver.url("/slack"), common));
        channel("{\"name\": \"%s\", \"type\": \"pagerduty\", \"url\": \"%s\", \"routingKey\": \"%s\", %s}"
                .formatted(unique("pd"), receiver.url("/pagerduty"), ROUTING_KEY, common));
        channel("{\"name\": \"%s\", \"type\": \"webhook\", \"url\": \"%s\", \"secret\": \"%s\", %s}"
                .formatted(unique("hook"), receiver.url("/hook"), SECRET, common));
        channel("{\"name\": \"%s\", \"type\": \"email\", \"to\": [\"%s@example.org\"], %s}".formatted(unique("mail"), env, common));
    }

    private static List<MimeMessage> mailTo(String env) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : GreenMailSmtp.server().getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(env + "@example.org")) {
                found.add(message);
            }
        }
        return found;
    }

    private static String hmac(String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyChannelIsNotifiedOnceInItsOwnShapeAndThenOfTheResolution() throws Exception {
        String env = unique("notify");
        everyChannelFor(env, "PT0.5S", "PT1H");
        String id = raise(env, "validator-down", "error");
        raise(env, "validator-down", "error");
        raise(env, "validator-down", "error");
        String fingerprint = as("viewer").get("/api/alerts/{id}", id).path("fingerprint");

        List<Map<String, Object>> sent = awaitSettled(id, 4);
        assertTrue(sent.stream().allMatch(d -> "sent".equals(d.get("status")) && "trigger".equals(d.get("kind"))), sent.toString());
        assertEquals(1, receiver.received("/slack").size());
        assertEquals(1, receiver.received("/pagerduty").size());
        assertEquals(1, receiver.received("/hook").size());
        awaitUntil(() -> uncheckedMailCount(env) == 1, Duration.ofSeconds(10), "one mail");

        JsonPath slack = JsonPath.from(receiver.received("/slack").get(0).body());
        assertEquals(":red_circle: [ERROR] validator-down in " + env + ": validator-down needs attention (seen 3x, source api)", slack.getString("text"));

        JsonPath trigger = JsonPath.from(receiver.received("/pagerduty").get(0).body());
        assertEquals(ROUTING_KEY, trigger.getString("routing_key"));
        assertEquals("trigger", trigger.getString("event_action"));
        assertEquals(fingerprint, trigger.getString("dedup_key"));
        assertEquals("error", trigger.getString("payload.severity"));
        assertEquals(env, trigger.getString("payload.source"));
        assertEquals("[ERROR] validator-down in " + env + ": validator-down needs attention", trigger.getString("payload.summary"));
        assertEquals("besu-0", trigger.getString("payload.custom_details.labels.node"));

        HttpReceiver.Request hook = receiver.received("/hook").get(0);
        assertEquals(hmac(hook.header("X-Portal-Timestamp") + "." + hook.body()), hook.header("X-Portal-Signature"),
                "the signature is the HMAC of timestamp.body");
        assertEquals("alert.triggered", JsonPath.from(hook.body()).getString("type"));
        assertEquals(id, JsonPath.from(hook.body()).getString("alert.id"));

        MimeMessage mail = mailTo(env).get(0);
        assertEquals("[ERROR] validator-down in " + env + ": validator-down needs attention", mail.getSubject());
        assertEquals("alerts@orchestration.local", mail.getFrom()[0].toString());
        assertTrue(((String) mail.getContent()).contains("Label node: besu-0"));

        as("operator").post("/api/alerts/{id}/resolve", id).then().statusCode(200);
        List<Map<String, Object>> all = awaitSettled(id, 8);
        assertEquals(4, all.stream().filter(d -> "resolve".equals(d.get("kind")) && "sent".equals(d.get("status"))).count());
        JsonPath resolve = JsonPath.from(receiver.received("/pagerduty").get(1).body());
        assertEquals("resolve", resolve.getString("event_action"));
        assertEquals(fingerprint, resolve.getString("dedup_key"), "the resolve closes the same PagerDuty incident");
        assertEquals("alert.resolved", JsonPath.from(receiver.received("/hook").get(1).body()).getString("type"));
        assertTrue(JsonPath.from(receiver.received("/slack").get(1).body()).getString("text").contains("[RESOLVED] validator-down"));
        awaitUntil(() -> uncheckedMailCount(env) == 2, Duration.ofSeconds(10), "the resolution mail");
    }

    @Test
    void aReceiverThatIsDownGetsTheNotificationOnceItIsBack() {
        String env = unique("down");
        channel("{\"name\": \"%s\", \"type\": \"webhook\", \"url\": \"%s\", \"secret\": \"%s\", \"environments\": [\"%s\"], \"groupWait\": \"PT0S\"}"
                .formatted(unique("hook"), receiver.url("/hook"), SECRET, env));
        receiver.refuseNext(3, 503);
        String id = raise(env, "rpc-unreachable", "error");

        Map<String, Object> delivery = awaitSettled(id, 1).get(0);
        assertEquals("sent", delivery.get("status"));
        assertEquals(4, delivery.get("attempts"));
        List<Map<String, Object>> tries = (List<Map<String, Object>>) delivery.get("tries");
        assertEquals(List.of(503, 503, 503, 200), tries.stream().map(t -> t.get("httpStatus")).toList());
        assertEquals(1, receiver.accepted("/hook").size(), "delivered exactly once");
        assertEquals(4, receiver.received("/hook").size());
        RestAssured.get("/q/metrics").then().statusCode(200)
                .body(containsString("alert_notification_attempts_total{channel_type=\"webhook\",outcome=\"failed\"}"));
    }

    @Test
    void channelsTakeOnlyTheirSeveritiesAndEnvironments() {
        String env = unique("route");
        String other = unique("elsewhere");
        channel("{\"name\": \"%s\", \"type\": \"slack\", \"url\": \"%s\", \"environments\": [\"%s\"], \"minSeverity\": \"error\", \"groupWait\": \"PT0S\"}"
                .formatted(unique("pager"), receiver.url("/slack"), env));

        assertEquals(List.of(), deliveriesOf(raise(env, "disk-80", "warning")));
        assertEquals(List.of(), deliveriesOf(raise(other, "disk-99", "error")));
        String routed = raise(env, "disk-99", "error");
        assertEquals("sent", awaitSettled(routed, 1).get(0).get("status"));
        assertEquals(1, receiver.received("/slack").size());
    }

    @Test
    void groupWaitSwallowsAnAlertThatResolvesAtOnce() throws Exception {
        String flapping = unique("flap");
        channel("{\"name\": \"%s\", \"type\": \"slack\", \"url\": \"%s\", \"environments\": [\"%s\"], \"groupWait\": \"PT2S\"}"
                .formatted(unique("slack"), receiver.url("/slack"), flapping));
        String flap = raise(flapping, "peer-flap", "warning");
        as("operator").post("/api/alerts/{id}/resolve", flap).then().statusCode(200);
        assertEquals(List.of("cancelled"), deliveriesOf(flap).stream().map(d -> d.get("status")).toList());

        Thread.sleep(2500);
        assertEquals(List.of(), receiver.received("/slack"), "the flapping alert notified nobody");
        assertEquals(List.of("cancelled"), deliveriesOf(flap).stream().map(d -> d.get("status")).toList());
    }

    @Test
    void aChannelDisabledBeforeItsNotificationWentOutSendsNothing() {
        String env = unique("disabled");
        String name = unique("slack");
        String id = channel("{\"name\": \"%s\", \"type\": \"slack\", \"url\": \"%s\", \"environments\": [\"%s\"], \"groupWait\": \"PT2S\"}"
                .formatted(name, receiver.url("/slack"), env));
        String alert = raise(env, "rpc-slow", "warning");
        as("admin").contentType("application/json")
                .body("{\"name\": \"%s\", \"type\": \"slack\", \"url\": \"%s\", \"enabled\": false}".formatted(name, receiver.url("/slack")))
                .put("/api/notification-channels/{id}", id).then().statusCode(200);
        assertEquals("cancelled", awaitSettled(alert, 1).get(0).get("status"));
        assertEquals(List.of(), receiver.received("/slack"));
    }

    @Test
    void aFiringAlertIsRepeatedAfterRepeatIntervalUntilAcknowledged() throws Exception {
        String env = unique("repeat");
        channel("{\"name\": \"%s\", \"type\": \"slack\", \"url\": \"%s\", \"environments\": [\"%s\"], \"groupWait\": \"PT0S\", \"repeatInterval\": \"PT2S\"}"
                .formatted(unique("slack"), receiver.url("/slack"), env));
        String id = raise(env, "besu-lagging", "warning");
        awaitSettled(id, 1);
        raise(env, "besu-lagging", "warning");
        raise(env, "besu-lagging", "warning");
        assertEquals(1, deliveriesOf(id).size(), "repeats within repeatInterval are not notified");

        awaitSettled(id, 2);
        assertEquals(2, receiver.received("/slack").size(), "repeated once repeatInterval passed, with no new signal");
        as("operator").post("/api/alerts/{id}/acknowledge", id).then().statusCode(200);
        Thread.sleep(3000);
        raise(env, "besu-lagging", "warning");
        assertEquals(2, deliveriesOf(id).size(), "an acknowledged alert is not repeated");
    }

    @Test
    void aSilenceMutesNotificationsButTheAlertIsRecorded() {
        String env = unique("silenced");
        channel("{\"name\": \"%s\", \"type\": \"slack\", \"url\": \"%s\", \"environments\": [\"%s\"], \"groupWait\": \"PT0S\"}"
                .formatted(unique("slack"), receiver.url("/slack"), env));
        as("operator").contentType("application/json").body("""
                        {"matchers": [{"name": "environment", "value": "%s"}, {"name": "alertname", "op": "=~", "value": "maint.*"}],
                         "endsAt": "%s", "comment": "planned maintenance"}"""
                        .formatted(env, OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)))
                .post("/api/alerts/silences").then().statusCode(201);

        String muted = raise(env, "maintenance-restart", "error");
        String loud = raise(env, "validator-down", "error");
        assertEquals("silenced", awaitSettled(muted, 1).get(0).get("status"));
        assertEquals("sent", awaitSettled(loud, 1).get(0).get("status"));
        assertEquals(1, receiver.received("/slack").size());
        assertTrue(receiver.received("/slack").get(0).body().contains("validator-down"));
        as("viewer").get("/api/alerts/{id}", muted).then().statusCode(200).body("silenced", equalTo(true));
        as("viewer").get("/api/alerts/{id}", loud).then().statusCode(200).body("silenced", equalTo(false));
        as("viewer").get("/api/environments/{env}/alerts", env).then()
                .body("items.find { it.id == '%s' }.silenced".formatted(muted), equalTo(true));
    }

    @Test
    void anAlertThatOutlastsItsSilenceIsNotifiedWhenTheSilenceEnds() {
        String env = unique("outlast");
        channel("{\"name\": \"%s\", \"type\": \"slack\", \"url\": \"%s\", \"environments\": [\"%s\"], \"groupWait\": \"PT0S\", \"repeatInterval\": \"PT1S\"}"
                .formatted(unique("slack"), receiver.url("/slack"), env));
        as("operator").contentType("application/json").body("""
                        {"matchers": [{"name": "environment", "value": "%s"}], "endsAt": "%s", "comment": "short window"}"""
                        .formatted(env, OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(3)))
                .post("/api/alerts/silences").then().statusCode(201);

        String id = raise(env, "validator-down", "error");
        awaitUntil(() -> receiver.received("/slack").size() == 1, Duration.ofSeconds(20), "the notification after the silence");
        List<Object> statuses = deliveriesOf(id).stream().map(d -> d.get("status")).toList();
        assertEquals("silenced", statuses.get(0), statuses.toString());
        assertEquals("sent", statuses.get(statuses.size() - 1), statuses.toString());
    }

    private static int uncheckedMailCount(String env) {
        try {
            return mailTo(env).size();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
