package io.orchestration.alert.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orchestration.outbox.ProcessedEvents;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.io.IOException;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * The one way this service takes in another domain's events: types it has no use for are acknowledged
 * untouched; the others are applied once each (by CloudEvent id) and acknowledged after they commit.
 * An event that cannot be applied is nacked, which sends it to the channel's dead-letter topic.
 */
@ApplicationScoped
public class EventIntake {

    private final ProcessedEvents processedEvents;
    private final ObjectMapper json;

    public EventIntake(ProcessedEvents processedEvents, ObjectMapper json) {
        this.processedEvents = processedEvents;
        this.json = json;
    }

    public Uni<Void> take(String consumer, Message<String> message, Predicate<String> wanted,
                          BiFunction<String, JsonNode, Uni<?>> effect) {
        String type = message.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getType).orElse("");
        Uni<?> applied = wanted.test(type)
                ? Uni.createFrom().deferred(() -> processedEvents.applyOnce(consumer, ProcessedEvents.eventIdOf(message),
                        () -> effect.apply(type, read(type, message.getPayload()))))
                : Uni.createFrom().voidItem();
        return applied.replaceWithVoid()
                .onItemOrFailure().transformToUni((done, failure) -> Uni.createFrom().completionStage(
                        failure == null ? message.ack() : message.nack(failure)));
    }

    /** A field the event must have, as text. */
    static String required(JsonNode data, String field) {
        JsonNode value = data.path(field);
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw new IllegalArgumentException("event data has no '" + field + "'");
        }
        return value.asText();
    }

    private JsonNode read(String type, String payload) {
        try {
            JsonNode data = json.readTree(payload);
            if (data == null || !data.isObject()) {
                throw new IllegalArgumentException(type + " event data is not a JSON object");
            }
            return data;
        } catch (IOException e) {
            throw new IllegalArgumentException(type + " event data is not JSON: " + e.getMessage(), e);
        }
    }
}
