package io.orchestration.monitoring.events;

import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Records mutating calls on audit-events through the outbox, in the transaction of the change they made. */
@ApplicationScoped
public class AuditTrail {

    /** Who called: the token's user and roles, and the client address (X-Forwarded-For from the gateway, else the peer). */
    public record Caller(String actor, List<String> roles, String clientIp) {
    }

    public record Recorded(String actor, List<String> roles, String clientIp, String action, String resourceType, String resourceId,
                           Map<String, Object> details, OffsetDateTime at) {
    }

    private final Outbox outbox;

    public AuditTrail(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> record(Caller caller, String action, String resourceType, String resourceId, Map<String, Object> details) {
        Recorded recorded = new Recorded(caller.actor(), caller.roles(), caller.clientIp(), action, resourceType, resourceId, details,
                OffsetDateTime.now(ZoneOffset.UTC));
        return outbox.publish(Topics.AUDIT, resourceId, EventTypes.AUDIT_RECORDED, resourceType + "/" + resourceId, recorded).replaceWithVoid();
    }
}
