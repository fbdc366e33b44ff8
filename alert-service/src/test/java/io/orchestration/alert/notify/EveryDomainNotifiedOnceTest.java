package io.orchestration.alert.notify;

import io.orchestration.alert.support.AlertmanagerServer;
import io.orchestration.alert.support.DomainEvents;
import io.orchestration.alert.support.GreenMailSmtp;
import io.orchestration.common.events.EventTypes;
import io.orchestration.testing.HttpReceiver;
import io.orchestration.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.orchestration.alert.support.Callers.as;
import static io.orchestration.alert.support.Callers.awaitUntil;
import static io.orchestration.alert.support.Callers.unique;
import static io.orchestration.alert.support.Channels.awaitSettled;
import static io.orchestration.alert.support.Channels.create;
import static io.orchestration.alert.support.Channels.delete;
import static io.orchestration.alert.support.Channels.deliveriesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The "done when": an unhealthy service, a failed deployment and an Alertmanager alert each become
 * exactly one portal alert, notified once per channel (Slack through the HTTP receiver, email through
 * the real SMTP server) however often they repeat within the repeat interval, and an operator acknowledges each.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailSmtp.class)
class EveryDomainNotifiedOnceTest {

    private static List<Map<String, Object>> alertsOf(String environment) {
        return as("viewer").get("/api/environments/{env}/alerts", environment).then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    private static long mailTo(String address) {
        return Arrays.stream(GreenMailSmtp.server().getReceivedMessages())
                .filter(message -> recipientOf(message).equals(address)).count();
    }

    private static String recipientOf(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anUnhealthyServiceAFailedDeploymentAndAnAlertmanagerAlertAreEachOneAlertNotifiedOncePerChannel() throws Exception {
        String env = unique("done");
        String address = env + "@example.org";
        try (HttpReceiver slack = HttpReceiver.start();
             DomainEvents events = new DomainEvents();
             AlertmanagerServer alertmanager = AlertmanagerServer.notifying(
                     URI.create("http://127.0.0.1:" + RestAssured.port + "/api/alerts/alertmanager"),
                     TestTokens.forUser("alertmanager", "operator"))) {
            String slackChannel = create("""
                    {"name": "%s", "type": "slack", "url": "%s", "environments": ["%s"], "groupWait": "PT1S", "repeatInterval": "PT1H"}"""
                    .formatted(unique("slack"), slack.url("/slack"), env));
            String mailChannel = create("""
                    {"name": "%s", "type": "email", "to": ["%s"], "environments": ["%s"], "groupWait": "PT1S", "repeatInterval": "PT1H"}"""
                    .formatted(unique("mail"), address, env));
            try {
                events.awaitConsumersListening();
                events.healthChanged(env, "besu", "besu-rpc-0", "healthy", "degraded", "peers 1 < 2");
                events.healthChanged(env, "besu", "besu-rpc-0", "degraded", "unhealthy", "no block for 60 s");
                events.deployment(EventTypes.DEPLOYMENT_FAILED, env, "failed", "health check failed");
                events.deployment(EventTypes.DEPLOYMENT_FAILED, env, "failed", "health check failed again");
                alertmanager.post("""
                        [{"labels": {"alertname": "BesuPeersLow", "environment": "%s", "severity": "warning", "instance": "besu-0"},
                          "annotations": {"summary": "besu-0 has 1 peer"}}]""".formatted(env));

                awaitUntil(() -> alertsOf(env).size() == 3, Duration.ofSeconds(30),
                        "three alerts (service health, deployment, Alertmanager); log: " + alertmanager.log());
                awaitUntil(() -> alertsOf(env).stream().anyMatch(a -> Integer.valueOf(2).equals(a.get("count"))
                        && "service-health".equals(a.get("name"))), Duration.ofSeconds(30), "the health change counted twice");
                for (Map<String, Object> alert : alertsOf(env)) {
                    String id = (String) alert.get("id");
                    List<Map<String, Object>> deliveries = awaitSettled(id, 2);
                    assertEquals(List.of("sent", "sent"), deliveries.stream().map(d -> d.get("status")).toList(), alert.toString());
                }
                assertEquals(3, slack.received("/slack").size(), "one Slack message per alert");
                awaitUntil(() -> mailTo(address) == 3, Duration.ofSeconds(10), "one mail per alert");

                events.healthChanged(env, "besu", "besu-rpc-0", "unhealthy", "unhealthy", "still no block");
                events.deployment(EventTypes.DEPLOYMENT_FAILED, env, "failed", "a third failure");
                awaitUntil(() -> alertsOf(env).stream().filter(a -> !"alertmanager".equals(a.get("source")))
                                .allMatch(a -> ((Integer) a.get("count")) >= 3), Duration.ofSeconds(30), "the repeats counted");
                for (Map<String, Object> alert : alertsOf(env)) {
                    assertEquals(2, deliveriesOf((String) alert.get("id")).size(), "no notification within the repeat interval");
                    as("operator").post("/api/alerts/{id}/acknowledge", alert.get("id")).then().statusCode(200);
                }
                assertEquals(3, slack.received("/slack").size());
                assertEquals(List.of(true, true, true), alertsOf(env).stream().map(a -> a.get("acknowledged")).toList());
            } finally {
                delete(slackChannel);
                delete(mailChannel);
            }
        }
    }
}
