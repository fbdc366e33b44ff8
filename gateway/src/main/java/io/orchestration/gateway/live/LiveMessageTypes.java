package io.orchestration.gateway.live;

import io.orchestration.common.events.EventTypes;

import java.util.Optional;
import java.util.Set;

/** Maps CloudEvents types to the message types the UI listens for, and says who may see them. */
public final class LiveMessageTypes {

    /** Configuration changes go to the admin room only, as in the seed. */
    private static final Set<String> ADMIN_ROOM = Set.of("service-updated", "provider-updated");

    private LiveMessageTypes() {
    }

    /** The WebSocket message type for an event type, or empty for events clients never see (audit). */
    public static Optional<String> of(String eventType) {
        String action = EventTypes.actionOf(eventType);
        return Optional.ofNullable(switch (EventTypes.domainOf(eventType)) {
            case "environment" -> "environment-updated";
            case "deployment" -> action.startsWith("log") ? "deployment-log" : "deployment-updated";
            case "monitoring" -> "monitoring-updated";
            case "alert" -> action.equals("created") ? "alert-created" : "alert-updated";
            case "cost" -> "cost-updated";
            case "admin" -> action.startsWith("service") ? "service-updated"
                    : action.startsWith("provider") ? "provider-updated" : "admin-updated";
            default -> null;
        });
    }

    public static boolean adminOnly(String messageType) {
        return ADMIN_ROOM.contains(messageType);
    }
}
