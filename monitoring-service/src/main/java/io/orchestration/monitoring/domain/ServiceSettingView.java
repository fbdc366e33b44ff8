package io.orchestration.monitoring.domain;

import java.time.OffsetDateTime;
import java.util.Map;

/** An administrator's service setting as monitoring applies it: collected or not, how often, who changed it when. */
public record ServiceSettingView(String name, boolean enabled, Long collectionIntervalSeconds, Map<String, Object> config,
                                 String updatedBy, OffsetDateTime updatedAt, OffsetDateTime appliedAt) {

    public static ServiceSettingView of(ServiceSetting setting) {
        return new ServiceSettingView(setting.name, setting.enabled,
                setting.collectionInterval().map(interval -> interval.toSeconds()).orElse(null),
                setting.config == null ? Map.of() : setting.config, setting.updatedBy, setting.updatedAt, setting.appliedAt);
    }
}
