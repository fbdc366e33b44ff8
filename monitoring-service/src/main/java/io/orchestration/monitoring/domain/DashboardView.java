package io.orchestration.monitoring.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Every environment's service health, and how many services are in each health. */
public record DashboardView(OffsetDateTime generatedAt, Map<String, Integer> servicesByHealth, List<EnvironmentHealthView> environments) {
}
