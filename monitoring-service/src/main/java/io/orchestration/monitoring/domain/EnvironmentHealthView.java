package io.orchestration.monitoring.domain;

import java.util.List;

/** One environment's service health summary: the worst health of the services that could be judged, and each service. */
public record EnvironmentHealthView(String environment, String health, String source, List<ServiceStatusView> services) {

    public static EnvironmentHealthView of(String environment, List<ServiceStatus> statuses) {
        // A service without an endpoint or credentials, or disabled by the administrator, says so on its own; it does
        // not make the environment unknown.
        List<ServiceStatus> judged = statuses.stream()
                .filter(status -> status.state != ReadingState.NOT_CONFIGURED && status.state != ReadingState.DISABLED).toList();
        Health worst = judged.isEmpty() ? Health.UNKNOWN : Health.HEALTHY;
        boolean demo = !statuses.isEmpty();
        for (ServiceStatus status : judged) {
            worst = worst.worse(status.health);
        }
        for (ServiceStatus status : statuses) {
            demo &= "demo".equals(status.source);
        }
        return new EnvironmentHealthView(environment, worst.id(), demo ? "demo" : "live",
                statuses.stream().map(ServiceStatusView::of).toList());
    }
}
