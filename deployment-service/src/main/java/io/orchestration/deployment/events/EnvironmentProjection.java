package io.orchestration.deployment.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.orchestration.common.events.EventTypes;
import io.orchestration.deployment.domain.EnvironmentRef;
import io.orchestration.outbox.EventIntake;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps {@link EnvironmentRef} in step with environment-service from its events, each applied
 * once (through {@link EventIntake}: retried until it commits, never dead-lettered unless unreadable). The topic is compacted by environment name, so a new database rebuilds from it.
 */
@ApplicationScoped
public class EnvironmentProjection {

    private static final String CONSUMER = "deployment-service.environments";

    private final EventIntake intake;

    public EnvironmentProjection(EventIntake intake) {
        this.intake = intake;
    }

    @Incoming("environment-events")
    public Uni<Void> apply(Message<String> message) {
        return intake.take(CONSUMER, message, type -> EventTypes.domainOf(type).equals("environment"), this::project);
    }

    private Uni<?> project(String type, JsonNode data) {
        String name = EventIntake.required(data, "name");
        if (EventTypes.ENVIRONMENT_DELETED.equals(type)) {
            return EnvironmentRef.deleteById(name);
        }
        return EnvironmentRef.<EnvironmentRef>findById(name).chain(existing -> {
            EnvironmentRef ref = existing != null ? existing : new EnvironmentRef();
            ref.name = name;
            ref.provider = data.path("provider").asText();
            ref.enabled = data.path("enabled").asBoolean();
            ref.dryRun = data.path("dryRun").asBoolean(true);
            JsonNode namespace = data.path("cluster").path("namespace");
            ref.namespace = namespace.isTextual() ? namespace.asText() : null;
            Map<String, Boolean> components = new LinkedHashMap<>();
            data.path("components").fields().forEachRemaining(entry -> components.put(entry.getKey(), entry.getValue().asBoolean()));
            ref.components = components;
            Map<String, String> endpoints = new LinkedHashMap<>();
            data.path("endpoints").fields().forEachRemaining(entry -> {
                if (entry.getValue().isTextual() && !entry.getValue().asText().isBlank()) {
                    endpoints.put(entry.getKey(), entry.getValue().asText());
                }
            });
            ref.endpoints = endpoints;
            Map<String, String> cluster = new LinkedHashMap<>();
            data.path("cluster").fields().forEachRemaining(entry -> {
                if (entry.getValue().isTextual() && !entry.getValue().asText().isBlank()) {
                    cluster.put(entry.getKey(), entry.getValue().asText());
                }
            });
            ref.cluster = cluster;
            ref.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return ref.persist();
        });
    }
}
