package io.orchestration.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Records an event in the caller's transaction. Call it inside {@code @WithTransaction}
 * next to the change the event describes: both commit, or neither does.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;

    public Outbox(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param topic   the domain's topic ({@link io.orchestration.common.events.Topics})
     * @param key     record key; the environment name where there is one
     * @param type    CloudEvents type ({@link io.orchestration.common.events.EventTypes})
     * @param subject what the event is about, e.g. the environment or deployment id
     * @param data    the event's data, serialised as JSON
     * @return the event's id
     */
    public Uni<UUID> publish(String topic, String key, String type, String subject, Object data) {
        OutboxEvent event = new OutboxEvent();
        event.id = UUID.randomUUID();
        event.topic = topic;
        event.recordKey = key;
        event.type = type;
        event.subject = subject;
        event.payload = toJson(data);
        event.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return event.persist().replaceWith(event.id);
    }

    private String toJson(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event data cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
