package io.orchestration.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * The one way a service takes in another domain's events: types it has no use for are acknowledged
 * untouched; the others are applied once each (by CloudEvent id) and acknowledged after they commit.
 * An event whose data cannot be read is nacked, which sends it to the channel's dead-letter topic. Any
 * other failure (the database down, the service shutting down) is retried with backoff and never
 * acknowledged meanwhile, so the event is applied later or, after a restart, redelivered: never lost.
 */
@ApplicationScoped
public class EventIntake {

    private static final Logger LOG = Logger.getLogger(EventIntake.class);
    private static final Duration RETRY_FIRST = Duration.ofMillis(500);
    private static final Duration RETRY_MAX = Duration.ofSeconds(30);

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
                ? Uni.createFrom().deferred(() -> processedEvents.applyOnce(consumer, eventIdOf(message),
                                () -> effect.apply(type, read(type, message.getPayload()))))
                        .onFailure(failure -> !(failure instanceof UnreadableEvent)).invoke(failure ->
                                LOG.warnf("%s could not apply %s event, will retry: %s", consumer, type, failure.getMessage()))
                        .onFailure(failure -> !(failure instanceof UnreadableEvent)).retry()
                        .withBackOff(RETRY_FIRST, RETRY_MAX).indefinitely()
                : Uni.createFrom().voidItem();
        return applied.replaceWithVoid()
                .onItemOrFailure().transformToUni((done, failure) -> {
                    if (failure == null) {
                        return Uni.createFrom().completionStage(message.ack());
                    }
                    LOG.warnf("%s sends a %s event to the dead-letter topic: %s", consumer, type, failure.getMessage());
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }

    /** A field the event must have, as text. */
    public static String required(JsonNode data, String field) {
        JsonNode value = data.path(field);
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw new UnreadableEvent("event data has no '" + field + "'");
        }
        return value.asText();
    }

    private static String eventIdOf(Message<String> message) {
        try {
            return ProcessedEvents.eventIdOf(message);
        } catch (IllegalArgumentException e) {
            throw new UnreadableEvent(e.getMessage(), e);
        }
    }

    private JsonNode read(String type, String payload) {
        try {
            JsonNode data = json.readTree(payload);
            if (data == null || !data.isObject()) {
                throw new UnreadableEvent(type + " event data is not a JSON object");
            }
            return data;
        } catch (IOException e) {
            throw new UnreadableEvent(type + " event data is not JSON: " + e.getMessage(), e);
        }
    }
}
