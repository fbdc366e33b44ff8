package io.orchestration.monitoring.service;

import io.orchestration.monitoring.config.MonitoringConfig;
import io.orchestration.monitoring.domain.AdminSettings;
import io.orchestration.monitoring.domain.ServiceSetting;
import io.orchestration.monitoring.domain.ServiceType;
import io.orchestration.monitoring.domain.Target;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CollectionSchedulerTest {

    private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

    private final MonitoringConfig config = new SmallRyeConfigBuilder()
            .withMapping(MonitoringConfig.class)
            .withConverter(Duration.class, 100, new DurationConverter())
            .withDefaultValue("monitoring.collection.interval", "15s")
            .withDefaultValue("monitoring.collection.intervals.cacti", "60s")
            .withDefaultValue("monitoring.collection.target-intervals.\"prod/besu/besu-rpc\"", "5s")
            .build().getConfigMapping(MonitoringConfig.class);
    private final CollectionScheduler scheduler = new CollectionScheduler(null, null, config);

    @Test
    void aTargetIsDueAtOnceThenAgainAfterTheDefaultInterval() {
        Target besu = new Target("staging", ServiceType.BESU, "besu-rpc", Map.of());
        assertTrue(scheduler.isDue(besu, AdminSettings.NONE, T0));
        assertFalse(scheduler.isDue(besu, AdminSettings.NONE, T0.plusSeconds(14)));
        assertTrue(scheduler.isDue(besu, AdminSettings.NONE, T0.plusSeconds(15)));
    }

    @Test
    void aServiceTypeAndATargetCanHaveTheirOwnInterval() {
        Target cacti = new Target("staging", ServiceType.CACTI, "cacti", Map.of());
        Target prodBesu = new Target("prod", ServiceType.BESU, "besu-rpc", Map.of());
        assertTrue(scheduler.isDue(cacti, AdminSettings.NONE, T0));
        assertFalse(scheduler.isDue(cacti, AdminSettings.NONE, T0.plusSeconds(59)));
        assertTrue(scheduler.isDue(cacti, AdminSettings.NONE, T0.plusSeconds(60)));
        assertTrue(scheduler.isDue(prodBesu, AdminSettings.NONE, T0));
        assertTrue(scheduler.isDue(prodBesu, AdminSettings.NONE, T0.plusSeconds(5)));
    }

    @Test
    void theAdministratorsIntervalForATypeWinsOverTheConfiguredOneButNotOverATargetsOwn() {
        AdminSettings settings = AdminSettings.of(List.of(setting("cacti", true, 7, T0), setting("besu", true, 40, T0)));
        Target cacti = new Target("staging", ServiceType.CACTI, "cacti", Map.of());
        Target prodBesu = new Target("prod", ServiceType.BESU, "besu-rpc", Map.of());
        assertTrue(scheduler.isDue(cacti, settings, T0));
        assertFalse(scheduler.isDue(cacti, settings, T0.plusSeconds(6)));
        assertTrue(scheduler.isDue(cacti, settings, T0.plusSeconds(7)));
        assertTrue(scheduler.isDue(prodBesu, settings, T0));
        assertTrue(scheduler.isDue(prodBesu, settings, T0.plusSeconds(5)), "the target's own 5 s beats the administrator's 40 s");
    }

    @Test
    void aChangedSettingMakesTheTargetsOfItsTypeDueAtOnce() {
        Target cacti = new Target("staging", ServiceType.CACTI, "cacti", Map.of());
        Target besu = new Target("staging", ServiceType.BESU, "besu-rpc", Map.of());
        AdminSettings before = AdminSettings.of(List.of(setting("cacti", true, 60, T0)));
        scheduler.forgetScheduleOfChangedTypes(before);
        assertTrue(scheduler.isDue(cacti, before, T0));
        assertTrue(scheduler.isDue(besu, before, T0));

        AdminSettings disabled = AdminSettings.of(List.of(setting("cacti", false, 60, T0.plusSeconds(3))));
        scheduler.forgetScheduleOfChangedTypes(disabled);

        assertTrue(scheduler.isDue(cacti, disabled, T0.plusSeconds(4)), "changed by the administrator: due now");
        assertFalse(scheduler.isDue(besu, disabled, T0.plusSeconds(4)), "another type keeps its schedule");
        scheduler.forgetScheduleOfChangedTypes(disabled);
        assertFalse(scheduler.isDue(cacti, disabled, T0.plusSeconds(5)), "an unchanged setting does not reset the schedule");
    }

    private static ServiceSetting setting(String name, boolean enabled, int intervalSeconds, Instant appliedAt) {
        ServiceSetting setting = new ServiceSetting();
        setting.name = name;
        setting.enabled = enabled;
        setting.config = Map.of(ServiceSetting.COLLECTION_INTERVAL_SECONDS, intervalSeconds);
        setting.appliedAt = OffsetDateTime.ofInstant(appliedAt, ZoneOffset.UTC);
        return setting;
    }
}
