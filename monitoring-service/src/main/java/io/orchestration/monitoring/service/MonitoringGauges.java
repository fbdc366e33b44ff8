package io.orchestration.monitoring.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.orchestration.monitoring.domain.Health;
import io.orchestration.monitoring.domain.Reading;
import io.orchestration.monitoring.domain.ReadingState;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The latest collected values as Prometheus gauges on /q/metrics, one gauge name per metric
 * ({@code portal_monitoring_block_number}, ...), labelled by environment, service type and service,
 * plus {@code portal_monitoring_health} (0 healthy, 1 unknown, 2 degraded, 3 unhealthy) and
 * {@code portal_monitoring_up}; so an existing Grafana can chart what the portal collects.
 */
@ApplicationScoped
public class MonitoringGauges {

    private final MeterRegistry registry;
    private final Map<String, AtomicReference<Double>> latest = new ConcurrentHashMap<>();

    public MonitoringGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(Reading reading, Health health) {
        Tags tags = Tags.of("environment", reading.target().environment(), "service_type", reading.target().type().id(),
                "service", reading.target().serviceName());
        reading.values().forEach((metric, value) -> set("portal_monitoring_" + snake(metric), tags, value));
        set("portal_monitoring_up", tags, reading.state() == ReadingState.UP ? 1.0 : 0.0);
        set("portal_monitoring_health", tags, (double) health.ordinal());
    }

    private void set(String name, Tags tags, double value) {
        String key = name + tags;
        latest.computeIfAbsent(key, k -> {
            AtomicReference<Double> holder = new AtomicReference<>(Double.NaN);
            Gauge.builder(name, holder, h -> h.get()).tags(tags).register(registry);
            return holder;
        }).set(value);
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9_]", "_").toLowerCase(Locale.ROOT);
    }
}
