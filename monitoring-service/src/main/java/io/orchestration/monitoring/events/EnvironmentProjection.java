package io.orchestration.monitoring.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.orchestration.common.events.EventTypes;
import io.orchestration.monitoring.domain.MonitoredEnvironment;
import io.orchestration.monitoring.domain.ServiceStatus;
import io.orchestration.outbox.EventIntake;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps {@link MonitoredEnvironment} current from environment-events, each event applied once: the
 * collection targets follow the catalogue's endpoints and enabled flags; a deleted environment
 * stops being collected and its statuses go.
 */
@ApplicationScoped
public class EnvironmentProjection {

    private static final String CONSUMER = "monitoring-service.environments";

    private final EventIntake intake;

    public EnvironmentProjection(EventIntake intake) {
        this.intake = intake;
    }

    @Incoming("environment-events")
    public Uni<Void> onEnvironmentEvent(Message<String> message) {
        return intake.take(CONSUMER, message, type -> EventTypes.domainOf(type).equals("environment"), this::track);
    }

    private Uni<?> track(String type, JsonNode environment) {
        String name = EventIntake.required(environment, "name");
        if (EventTypes.ENVIRONMENT_DELETED.equals(type)) {
            return ServiceStatus.delete("environment", name).chain(() -> MonitoredEnvironment.deleteById(name));
        }
        return MonitoredEnvironment.<MonitoredEnvironment>findById(name)
                .map(known -> known != null ? known : newEnvironment(name))
                .chain(monitored -> {
                    monitored.enabled = environment.path("enabled").asBoolean(false);
                    monitored.endpoints = texts(environment.path("endpoints"));
                    monitored.cluster = texts(environment.path("cluster"));
                    monitored.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    return monitored.persist();
                });
    }

    private static MonitoredEnvironment newEnvironment(String name) {
        MonitoredEnvironment monitored = new MonitoredEnvironment();
        monitored.name = name;
        return monitored;
    }

    /** The object's non-blank text fields; nulls and other kinds are left out. */
    private static Map<String, String> texts(JsonNode object) {
        Map<String, String> texts = new TreeMap<>();
        object.fields().forEachRemaining(field -> {
            if (field.getValue().isTextual() && !field.getValue().asText().isBlank()) {
                texts.put(field.getKey(), field.getValue().asText());
            }
        });
        return texts;
    }
}
