package io.orchestration.cost.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.orchestration.common.events.EventTypes;
import io.orchestration.cost.domain.EnvironmentRef;
import io.orchestration.cost.service.CostWatch;
import io.orchestration.outbox.EventIntake;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps {@link EnvironmentRef} (provider, cluster context, region policy) in step with
 * environment-service, each event applied once through {@link EventIntake}; the compacted topic rebuilds a new database.
 */
@ApplicationScoped
public class EnvironmentProjection {

    private static final String CONSUMER = "cost-service.environments";

    private final EventIntake intake;
    private final CostWatch watch;

    public EnvironmentProjection(EventIntake intake, CostWatch watch) {
        this.intake = intake;
        this.watch = watch;
    }

    @Incoming("environment-events")
    public Uni<Void> apply(Message<String> message) {
        return intake.take(CONSUMER, message, type -> EventTypes.domainOf(type).equals("environment"), this::project);
    }

    private Uni<?> project(String type, JsonNode data) {
        String name = EventIntake.required(data, "name");
        if (EventTypes.ENVIRONMENT_DELETED.equals(type)) {
            return EnvironmentRef.deleteById(name).call(() -> watch.environmentRemoved(name));
        }
        return EnvironmentRef.<EnvironmentRef>findById(name).chain(existing -> {
            EnvironmentRef ref = existing != null ? existing : new EnvironmentRef();
            Map<String, List<String>> policyBefore = existing == null || existing.regionPolicy == null ? null : Map.copyOf(existing.regionPolicy);
            ref.name = name;
            ref.provider = data.path("provider").asText();
            JsonNode context = data.path("cluster").path("context");
            ref.clusterContext = context.isTextual() && !context.asText().isBlank() ? context.asText() : null;
            ref.regionPolicy = Map.of("allowed", regions(data.path("regionPolicy").path("allowed")),
                    "denied", regions(data.path("regionPolicy").path("denied")));
            ref.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            // Costs already held for the environment are judged again whenever its policy is new or different.
            return ref.<EnvironmentRef>persist()
                    .call(saved -> ref.regionPolicy.equals(policyBefore) ? Uni.createFrom().voidItem() : watch.regionPolicyChanged(saved));
        });
    }

    private static List<String> regions(JsonNode list) {
        List<String> regions = new ArrayList<>();
        list.forEach(region -> regions.add(region.asText()));
        return regions;
    }
}
