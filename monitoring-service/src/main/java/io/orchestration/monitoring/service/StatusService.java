package io.orchestration.monitoring.service;

import io.orchestration.common.problem.ProblemException;
import io.orchestration.monitoring.domain.DashboardView;
import io.orchestration.monitoring.domain.EnvironmentHealthView;
import io.orchestration.monitoring.domain.EnvironmentNotFound;
import io.orchestration.monitoring.domain.Health;
import io.orchestration.monitoring.domain.MonitoredEnvironment;
import io.orchestration.monitoring.domain.ServiceSetting;
import io.orchestration.monitoring.domain.ServiceSettingView;
import io.orchestration.monitoring.domain.ServiceStatus;
import io.orchestration.monitoring.domain.ServiceStatusView;
import io.orchestration.monitoring.domain.ServiceType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads of the latest statuses: the dashboard, one service type across environments, one environment. */
@ApplicationScoped
public class StatusService {

    public Uni<DashboardView> dashboard() {
        return Panache.withSession(() -> MonitoredEnvironment.<MonitoredEnvironment>list("order by name")
                .chain(environments -> ServiceStatus.<ServiceStatus>list("order by environment, serviceType, serviceName")
                        .map(statuses -> {
                            Map<String, List<ServiceStatus>> byEnvironment = statuses.stream()
                                    .collect(Collectors.groupingBy(status -> status.environment, LinkedHashMap::new, Collectors.toList()));
                            Map<String, Integer> counts = new LinkedHashMap<>();
                            for (Health health : Health.values()) {
                                counts.put(health.id(), 0);
                            }
                            statuses.forEach(status -> counts.merge(status.health.id(), 1, Integer::sum));
                            List<EnvironmentHealthView> views = new ArrayList<>();
                            for (MonitoredEnvironment environment : environments) {
                                views.add(EnvironmentHealthView.of(environment.name, byEnvironment.getOrDefault(environment.name, List.of())));
                            }
                            return new DashboardView(OffsetDateTime.now(ZoneOffset.UTC), counts, views);
                        })));
    }

    public Uni<List<ServiceSettingView>> settings() {
        return Panache.withSession(() -> ServiceSetting.<ServiceSetting>list("order by name"))
                .map(settings -> settings.stream().map(ServiceSettingView::of).toList());
    }

    public Uni<List<ServiceStatusView>> ofType(String type) {
        ServiceType serviceType = typeOf(type);
        return Panache.withSession(() -> ServiceStatus.<ServiceStatus>list("serviceType = ?1 order by environment, serviceName", serviceType))
                .map(statuses -> statuses.stream().map(ServiceStatusView::of).toList());
    }

    /** The service {@code name} of {@code type} in every environment, or only in {@code environment}; 404 when there is none. */
    public Uni<List<ServiceStatusView>> service(String type, String name, String environment) {
        ServiceType serviceType = typeOf(type);
        return Panache.withSession(() -> environment == null
                        ? ServiceStatus.<ServiceStatus>list("serviceType = ?1 and serviceName = ?2 order by environment", serviceType, name)
                        : ServiceStatus.<ServiceStatus>list("serviceType = ?1 and serviceName = ?2 and environment = ?3", serviceType, name, environment))
                .map(statuses -> {
                    if (statuses.isEmpty()) {
                        throw new ProblemException.NotFound("Service", type + "/" + name + (environment == null ? "" : " in " + environment));
                    }
                    return statuses.stream().map(ServiceStatusView::of).toList();
                });
    }

    public Uni<EnvironmentHealthView> environment(String name) {
        return Panache.withSession(() -> MonitoredEnvironment.<MonitoredEnvironment>findById(name)
                .onItem().ifNull().failWith(() -> new EnvironmentNotFound(name))
                .chain(found -> ServiceStatus.<ServiceStatus>list("environment = ?1 order by serviceType, serviceName", name))
                .map(statuses -> EnvironmentHealthView.of(name, statuses)));
    }

    public Uni<Void> requireEnvironment(String name) {
        return Panache.withSession(() -> MonitoredEnvironment.<MonitoredEnvironment>findById(name))
                .onItem().ifNull().failWith(() -> new EnvironmentNotFound(name))
                .replaceWithVoid();
    }

    public static ServiceType typeOf(String type) {
        ServiceType serviceType = ServiceType.fromId(type);
        if (serviceType == null) {
            throw new ProblemException.NotFound("Service type", type);
        }
        return serviceType;
    }
}
