package io.orchestration.monitoring.domain;

import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the administrator set for the services monitoring collects, read once per collection pass: a service type
 * without a setting is enabled with the configured interval.
 */
public record AdminSettings(Map<String, ServiceSetting> byName) {

    public static final AdminSettings NONE = new AdminSettings(Map.of());

    /** The settings stored; call inside a Hibernate Reactive session. */
    public static Uni<AdminSettings> load() {
        return ServiceSetting.<ServiceSetting>listAll().map(AdminSettings::of);
    }

    public static AdminSettings of(List<ServiceSetting> settings) {
        return new AdminSettings(settings.stream().collect(Collectors.toUnmodifiableMap(setting -> setting.name, Function.identity())));
    }

    /** Whether monitoring collects services of this type (only the administrator's switch turns it off). */
    public boolean collects(ServiceType type) {
        ServiceSetting setting = byName.get(type.id());
        return setting == null || setting.enabled;
    }

    public Optional<ServiceSetting> of(ServiceType type) {
        return Optional.ofNullable(byName.get(type.id()));
    }

    public Optional<Duration> collectionInterval(ServiceType type) {
        return of(type).flatMap(ServiceSetting::collectionInterval);
    }
}
