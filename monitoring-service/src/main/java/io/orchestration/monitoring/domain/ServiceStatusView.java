package io.orchestration.monitoring.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A service's latest reading and health as the API shows it; {@code source} is demo for seeded data, {@code collectedBy}
 * the replica that took the reading.
 */
public record ServiceStatusView(String environment, String serviceType, String serviceName, String state, String health,
                                List<String> reasons, Map<String, Double> values, Map<String, String> facts, String error,
                                String source, OffsetDateTime collectedAt, String collectedBy, OffsetDateTime healthSince) {

    public static ServiceStatusView of(ServiceStatus status) {
        return new ServiceStatusView(status.environment, status.serviceType.id(), status.serviceName, status.state.id(),
                status.health.id(), status.reasonList(), status.readings == null ? Map.of() : status.readings,
                status.facts == null ? Map.of() : status.facts, status.error, status.source, status.collectedAt,
                status.collectedBy, status.healthSince);
    }
}
