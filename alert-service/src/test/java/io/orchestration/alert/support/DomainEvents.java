package io.orchestration.alert.support;

import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.testing.CloudEventPublisher;

import java.time.Duration;
import java.util.UUID;

import static io.orchestration.alert.support.Callers.as;
import static io.orchestration.alert.support.Callers.unique;

/**
 * Other domains' events, published to the real Kafka in the exact shapes their producers use
 * (EventTypes' javadoc; deployment-service's DeploymentView).
 */
public final class DomainEvents implements AutoCloseable {

    private static boolean consumersListening;

    private final CloudEventPublisher kafka = new CloudEventPublisher();

    public String healthChanged(String environment, String serviceType, String serviceName, String previous, String health,
                                String... reasons) throws Exception {
        return healthChangedWithId(UUID.randomUUID().toString(), environment, serviceType, serviceName, previous, health, reasons);
    }

    /** The same health change again under an earlier event's id, as a redelivery would bring it. */
    public String healthChangedWithId(String id, String environment, String serviceType, String serviceName, String previous, String health,
                                String... reasons) throws Exception {
        String reasonList = reasons.length == 0 ? "[]" : "[\"" + String.join("\", \"", reasons) + "\"]";
        return kafka.publish(id, Topics.MONITORING, environment, EventTypes.MONITORING_HEALTH_CHANGED, environment, """
                {"environment": "%s", "serviceType": "%s", "serviceName": "%s", "previous": "%s", "health": "%s",
                 "reasons": %s, "at": "2026-11-24T10:00:00Z"}""".formatted(environment, serviceType, serviceName, previous, health, reasonList));
    }

    public String feedStale(String environment, String feed, long ageSeconds) throws Exception {
        return kafka.publish(Topics.MONITORING, environment, EventTypes.MONITORING_FEED_STALE, environment, """
                {"environment": "%s", "feed": "%s", "description": "ETH / USD", "roundId": "18446744073709562301",
                 "updatedAt": "2026-11-24T09:00:00Z", "ageSeconds": %d, "maxAgeSeconds": 3600}""".formatted(environment, feed, ageSeconds));
    }

    /** A deployment event whose data is deployment-service's DeploymentView. */
    public String deployment(String type, String environment, String status, String error) throws Exception {
        String id = UUID.randomUUID().toString();
        return kafka.publish(Topics.DEPLOYMENT, environment, type, id, """
                {"id": "%s", "environment": "%s", "version": "1.4.2", "strategy": "canary",
                 "options": {"canarySteps": [10, 50, 100], "maxErrorRate": 0.05}, "status": "%s", "dryRun": true,
                 "triggeredBy": "api", "requestedBy": "ops", "currentStep": "analyse canary at 10%%", "progress": 40,
                 "error": %s, "createdAt": "2026-11-24T10:00:00Z", "scheduledFor": null,
                 "startedAt": "2026-11-24T10:00:01Z", "completedAt": "2026-11-24T10:02:00Z", "rollbackOf": null}"""
                .formatted(id, environment, status, error == null ? "null" : "\"" + error + "\""));
    }

    public String budgetCrossed(String environment, String budgetId, double threshold, double amount) throws Exception {
        return kafka.publish(Topics.COST, environment, EventTypes.COST_BUDGET_THRESHOLD_CROSSED, environment, """
                {"environment": "%s", "budgetId": "%s", "budgetName": "monthly compute", "threshold": %s, "amount": %s,
                 "limit": 1000.0, "currency": "USD", "period": "monthly"}""".formatted(environment, budgetId, threshold, amount));
    }

    public String anomaly(String environment) throws Exception {
        return kafka.publish(Topics.COST, environment, EventTypes.COST_ANOMALY_DETECTED, environment, """
                {"environment": "%s", "date": "2026-11-23", "amount": 412.5, "expected": 120.0, "deviation": 3.4, "currency": "USD"}"""
                .formatted(environment));
    }

    public String raw(String topic, String key, String type, String data) throws Exception {
        return kafka.publish(topic, key, type, key, data);
    }

    /**
     * The test profile's consumers start at the newest offsets once Kafka assigns them partitions; until
     * then a published event is missed. Publish a probe on each topic until its alert appears.
     */
    public void awaitConsumersListening() throws Exception {
        if (consumersListening) {
            return;
        }
        String probe = unique("probe");
        publishUntilAlerted(probe, () -> deployment(EventTypes.DEPLOYMENT_FAILED, probe, "failed", "probe"), "deployment-failed");
        publishUntilAlerted(probe, () -> healthChanged(probe, "besu", "besu-rpc", "healthy", "unhealthy"), "service-health");
        publishUntilAlerted(probe, () -> anomaly(probe), "cost-anomaly");
        consumersListening = true;
    }

    private interface Publish {
        void run() throws Exception;
    }

    private static void publishUntilAlerted(String environment, Publish publish, String alertName) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            publish.run();
            long retry = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < retry) {
                if (as("viewer").get("/api/environments/{env}/alerts?source=&size=500", environment)
                        .jsonPath().getList("items.name").contains(alertName)) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("no consumer picked up " + alertName + " events within 60 s");
    }

    @Override
    public void close() {
        kafka.close();
    }
}
