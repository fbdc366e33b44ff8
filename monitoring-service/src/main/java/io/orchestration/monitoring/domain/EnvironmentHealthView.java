package io.orchestration.monitoring.domain;

import java.util.List;

/** One environment's service health summary: the worst service health, and each service. */
public record EnvironmentHealthView(String environment, String health, String source, List<ServiceStatusView> services) {

    public static EnvironmentHealthView of(String environment, List<ServiceStatus> statuses) {
        Health worst = statuses.isEmpty() ? Health.UNKNOWN : Health.HEALTHY;
        boolean demo = !statuses.isEmpty();
        for (ServiceStatus status : statuses) {
            worst = worst.worse(status.health);
            demo &= "demo".equals(status.source);
        }
        return new EnvironmentHealthView(environment, worst.id(), demo ? "demo" : "live",
                statuses.stream().map(ServiceStatusView::of).toList());
    }
}
