package io.orchestration.gateway.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Pushes every domain event to the connected clients allowed to see it. Each gateway instance
 * reads every topic in a consumer group of its own, so clients of any replica see every event.
 */
@ApplicationScoped
public class EventFanOut {

    private static final Logger LOG = Logger.getLogger(EventFanOut.class);

    private final LiveConnections connections;
    private final ObjectMapper json;

    public EventFanOut(LiveConnections connections, ObjectMapper json) {
        this.connections = connections;
        this.json = json;
    }

    @Incoming("events")
    public CompletionStage<Void> fanOut(Message<String> message) {
        toLiveMessage(message).ifPresent(this::broadcast);
        return message.ack();
    }

    private Optional<LiveMessage> toLiveMessage(Message<String> message) {
        Optional<IncomingCloudEventMetadata> cloudEvent = message.getMetadata(IncomingCloudEventMetadata.class);
        if (cloudEvent.isEmpty()) {
            LOG.debug("Skipping a record that is not a CloudEvent");
            return Optional.empty();
        }
        IncomingCloudEventMetadata<?> event = cloudEvent.get();
        return LiveMessageTypes.of(event.getType()).map(type -> new LiveMessage(type, dataOf(message.getPayload()),
                event.getTimeStamp().map(time -> time.toOffsetDateTime()).orElse(OffsetDateTime.now(ZoneOffset.UTC)),
                event.getId(), event.getType(), event.getSubject().orElse(null)));
    }

    private void broadcast(LiveMessage message) {
        connections.send(encode(message), LiveMessageTypes.adminOnly(message.type()));
    }

    private JsonNode dataOf(String payload) {
        if (payload == null) {
            return null;
        }
        try {
            return json.readTree(payload);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(payload);
        }
    }

    private String encode(LiveMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A live message could not be written as JSON", e);
        }
    }
}
