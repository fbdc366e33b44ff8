package io.orchestration.alert.events;

import io.orchestration.outbox.EventIntake;
import com.fasterxml.jackson.databind.JsonNode;
import io.orchestration.alert.demo.DemoAlerts;
import io.orchestration.alert.domain.EnvironmentRef;
import io.orchestration.common.events.EventTypes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Keeps {@link EnvironmentRef} in step with environment-service's events; a newly seen environment may get demo alerts. */
@ApplicationScoped
public class EnvironmentProjection {

    private static final String CONSUMER = "alert-service.environments";

    private final EventIntake intake;
    private final DemoAlerts demo;

    public EnvironmentProjection(EventIntake intake, DemoAlerts demo) {
        this.intake = intake;
        this.demo = demo;
    }

    @Incoming("environment-events")
    public Uni<Void> consume(Message<String> message) {
        return intake.take(CONSUMER, message, type -> EventTypes.domainOf(type).equals("environment"), this::apply);
    }

    private Uni<?> apply(String type, JsonNode data) {
        String name = EventIntake.required(data, "name");
        if (EventTypes.ENVIRONMENT_DELETED.equals(type)) {
            return EnvironmentRef.deleteById(name);
        }
        return EnvironmentRef.<EnvironmentRef>findById(name).chain(existing -> {
            EnvironmentRef ref = existing != null ? existing : new EnvironmentRef();
            ref.name = name;
            ref.enabled = data.path("enabled").asBoolean(true);
            ref.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            Uni<?> saved = ref.persist();
            return existing != null ? saved : saved.chain(() -> demo.seedIfChosen(name));
        });
    }
}
