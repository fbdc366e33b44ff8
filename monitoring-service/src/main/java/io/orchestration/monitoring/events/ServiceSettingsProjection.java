package io.orchestration.monitoring.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orchestration.common.events.EventTypes;
import io.orchestration.monitoring.domain.ServiceSetting;
import io.orchestration.outbox.EventIntake;
import io.orchestration.outbox.UnreadableEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Keeps {@link ServiceSetting} current from admin-service's service-updated events, each applied once: whether a
 * service is collected and how often. The table is shared by every replica (only one of them takes each event) and
 * outlives restarts; an event older than the stored setting is ignored.
 */
@ApplicationScoped
public class ServiceSettingsProjection {

    private static final String CONSUMER = "monitoring-service.service-settings";

    private final EventIntake intake;
    private final ObjectMapper json;

    public ServiceSettingsProjection(EventIntake intake, ObjectMapper json) {
        this.intake = intake;
        this.json = json;
    }

    @Incoming("admin-events")
    public Uni<Void> onAdminEvent(Message<String> message) {
        return intake.take(CONSUMER, message, EventTypes.ADMIN_SERVICE_UPDATED::equals, (type, data) -> apply(data));
    }

    @SuppressWarnings("unchecked")
    private Uni<?> apply(JsonNode data) {
        String name = EventIntake.required(data, "name");
        JsonNode enabled = data.path("enabled");
        if (!enabled.isBoolean()) {
            throw new UnreadableEvent("service-updated event for " + name + " has no boolean 'enabled'");
        }
        JsonNode config = data.path("config");
        if (!config.isMissingNode() && !config.isNull() && !config.isObject()) {
            throw new UnreadableEvent("service-updated event for " + name + " has a 'config' that is not an object");
        }
        OffsetDateTime updatedAt = timeOf(data.path("updatedAt"));
        return ServiceSetting.<ServiceSetting>findById(name).chain(stored -> {
            if (stored != null && stored.updatedAt != null && updatedAt != null && updatedAt.isBefore(stored.updatedAt)) {
                return Uni.createFrom().voidItem();
            }
            ServiceSetting setting = stored != null ? stored : new ServiceSetting();
            setting.name = name;
            setting.enabled = enabled.asBoolean();
            setting.config = config.isObject() ? json.convertValue(config, Map.class) : Map.of();
            setting.updatedBy = data.path("updatedBy").isTextual() ? data.path("updatedBy").asText() : null;
            setting.updatedAt = updatedAt;
            setting.appliedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return setting.persist();
        });
    }

    private static OffsetDateTime timeOf(JsonNode value) {
        if (!value.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new UnreadableEvent("service-updated event has an 'updatedAt' that is not a time: " + value.asText(), e);
        }
    }
}
