package io.orchestration.gateway.live;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;

/**
 * What a WebSocket client receives: the seed's message type, the event's data, and when it happened;
 * plus the event's id (to drop duplicates), its CloudEvents type and subject.
 */
public record LiveMessage(String type, JsonNode data, OffsetDateTime time, String id, String event, String subject) {
}
