package io.orchestration.monitoring.service;

import io.orchestration.monitoring.config.MonitoringConfig;
import io.orchestration.monitoring.domain.ServiceType;
import io.orchestration.monitoring.domain.Target;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
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
    private final CollectionScheduler scheduler = new CollectionScheduler(null, new TargetCatalog(config), config);

    @Test
    void aTargetIsDueAtOnceThenAgainAfterTheDefaultInterval() {
        Target besu = new Target("staging", ServiceType.BESU, "besu-rpc", Map.of());
        assertTrue(scheduler.isDue(besu, T0));
        assertFalse(scheduler.isDue(besu, T0.plusSeconds(14)));
        assertTrue(scheduler.isDue(besu, T0.plusSeconds(15)));
    }

    @Test
    void aServiceTypeAndATargetCanHaveTheirOwnInterval() {
        Target cacti = new Target("staging", ServiceType.CACTI, "cacti", Map.of());
        Target prodBesu = new Target("prod", ServiceType.BESU, "besu-rpc", Map.of());
        assertTrue(scheduler.isDue(cacti, T0));
        assertFalse(scheduler.isDue(cacti, T0.plusSeconds(59)));
        assertTrue(scheduler.isDue(cacti, T0.plusSeconds(60)));
        assertTrue(scheduler.isDue(prodBesu, T0));
        assertTrue(scheduler.isDue(prodBesu, T0.plusSeconds(5)));
    }
}
