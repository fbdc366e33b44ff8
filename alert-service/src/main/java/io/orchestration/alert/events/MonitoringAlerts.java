package io.orchestration.alert.events;

import io.orchestration.outbox.EventIntake;
import com.fasterxml.jackson.databind.JsonNode;
import io.orchestration.alert.domain.Severity;
import io.orchestration.alert.domain.Signal;
import io.orchestration.alert.service.Alerts;
import io.orchestration.common.events.EventTypes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service's health is one alert per service: degraded is a warning, unhealthy an error, and
 * healthy again resolves it. A stale oracle feed is a warning per feed.
 */
@ApplicationScoped
public class MonitoringAlerts {

    static final String SOURCE = "monitoring";
    static final String SERVICE_HEALTH = "service-health";
    static final String FEED_STALE = "oracle-feed-stale";
    private static final String CONSUMER = "alert-service.monitoring";
    private static final Set<String> WANTED = Set.of(EventTypes.MONITORING_HEALTH_CHANGED, EventTypes.MONITORING_FEED_STALE);

    private final EventIntake intake;
    private final Alerts alerts;

    public MonitoringAlerts(EventIntake intake, Alerts alerts) {
        this.intake = intake;
        this.alerts = alerts;
    }

    @Incoming("monitoring-events")
    public Uni<Void> consume(Message<String> message) {
        return intake.take(CONSUMER, message, WANTED::contains, this::apply);
    }

    private Uni<?> apply(String type, JsonNode data) {
        String environment = EventIntake.required(data, "environment");
        if (EventTypes.MONITORING_FEED_STALE.equals(type)) {
            String feed = EventIntake.required(data, "feed");
            String message = "Oracle feed " + data.path("description").asText(feed) + " (" + feed + ") in " + environment
                    + " was last updated " + data.path("ageSeconds").asLong() + " s ago; at most "
                    + data.path("maxAgeSeconds").asLong() + " s is allowed";
            return alerts.raise(new Signal(environment, SOURCE, FEED_STALE, Severity.WARNING, message, Map.of("feed", feed)));
        }
        String serviceType = EventIntake.required(data, "serviceType");
        String serviceName = EventIntake.required(data, "serviceName");
        String health = EventIntake.required(data, "health");
        Map<String, String> labels = Map.of("serviceType", serviceType, "serviceName", serviceName);
        switch (health) {
            case "healthy":
                return alerts.resolve(new Signal(environment, SOURCE, SERVICE_HEALTH, Severity.INFO, "", labels), "monitoring-service");
            case "degraded":
            case "unhealthy":
                List<String> reasons = new ArrayList<>();
                data.path("reasons").forEach(reason -> reasons.add(reason.asText()));
                String message = serviceType + " " + serviceName + " in " + environment + " is " + health
                        + (reasons.isEmpty() ? "" : ": " + String.join("; ", reasons));
                return alerts.raise(new Signal(environment, SOURCE, SERVICE_HEALTH,
                        health.equals("unhealthy") ? Severity.ERROR : Severity.WARNING, message, labels));
            default:
                // "unknown": collection could not tell; the alert, if any, stays as it was.
                return Uni.createFrom().voidItem();
        }
    }
}
