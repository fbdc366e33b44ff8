package io.orchestration.monitoring.events;

import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;

/** monitoring-events, in the shapes {@link EventTypes} documents; written to the outbox in the caller's transaction. */
@ApplicationScoped
public class MonitoringEvents {

    public record HealthChanged(String environment, String serviceType, String serviceName, String previous, String health,
                                List<String> reasons, OffsetDateTime at) {
    }

    public record CollectedService(String serviceType, String serviceName, String state, String health, String collectedBy) {
    }

    public record Collected(String environment, OffsetDateTime collectedAt, String collectedBy, List<CollectedService> services) {
    }

    public record FeedStale(String environment, String feed, String description, String roundId, OffsetDateTime updatedAt,
                            long ageSeconds, long maxAgeSeconds) {
    }

    private final Outbox outbox;

    public MonitoringEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> healthChanged(HealthChanged change) {
        return outbox.publish(Topics.MONITORING, change.environment(), EventTypes.MONITORING_HEALTH_CHANGED,
                change.environment() + "/" + change.serviceType() + "/" + change.serviceName(), change).replaceWithVoid();
    }

    public Uni<Void> collected(Collected collected) {
        return outbox.publish(Topics.MONITORING, collected.environment(), EventTypes.MONITORING_COLLECTED,
                collected.environment(), collected).replaceWithVoid();
    }

    public Uni<Void> feedStale(FeedStale stale) {
        return outbox.publish(Topics.MONITORING, stale.environment(), EventTypes.MONITORING_FEED_STALE,
                stale.environment() + "/" + stale.feed(), stale).replaceWithVoid();
    }
}
