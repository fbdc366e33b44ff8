package io.orchestration.cost.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orchestration.common.events.EventTypes;
import io.orchestration.cost.domain.EnvironmentRef;
import io.orchestration.outbox.ProcessedEvents;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps {@link EnvironmentRef} (provider, cluster context, region policy) in step with
 * environment-service, each event applied once; the compacted topic rebuilds a new database.
 */
@ApplicationScoped
public class EnvironmentProjection {

    private static final String CONSUMER = "cost-service.environments";

    private final ProcessedEvents processedEvents;
    private final ObjectMapper json;

    public EnvironmentProjection(ProcessedEvents processedEvents, ObjectMapper json) {
        this.processedEvents = processedEvents;
        this.json = json;
    }

    @Incoming("environment-events")
    public Uni<Void> apply(Message<String> message) {
        String type = message.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getType).orElse("");
        return processedEvents.applyOnce(CONSUMER, ProcessedEvents.eventIdOf(message), () -> project(type, message.getPayload()))
                .replaceWithVoid()
                .onItemOrFailure().transformToUni((done, failure) -> Uni.createFrom().completionStage(
                        failure == null ? message.ack() : message.nack(failure)));
    }

    private Uni<?> project(String type, String payload) {
        JsonNode data = read(payload);
        String name = data.path("name").asText();
        if (name.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        if (EventTypes.ENVIRONMENT_DELETED.equals(type)) {
            return EnvironmentRef.deleteById(name);
        }
        return EnvironmentRef.<EnvironmentRef>findById(name).chain(existing -> {
            EnvironmentRef ref = existing != null ? existing : new EnvironmentRef();
            ref.name = name;
            ref.provider = data.path("provider").asText();
            JsonNode context = data.path("cluster").path("context");
            ref.clusterContext = context.isTextual() && !context.asText().isBlank() ? context.asText() : null;
            ref.regionPolicy = Map.of("allowed", regions(data.path("regionPolicy").path("allowed")),
                    "denied", regions(data.path("regionPolicy").path("denied")));
            ref.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return ref.persist();
        });
    }

    private static List<String> regions(JsonNode list) {
        List<String> regions = new ArrayList<>();
        list.forEach(region -> regions.add(region.asText()));
        return regions;
    }

    private JsonNode read(String payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("environment event is not JSON: " + e.getMessage(), e);
        }
    }
}
