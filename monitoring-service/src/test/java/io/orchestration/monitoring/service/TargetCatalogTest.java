package io.orchestration.monitoring.service;

import io.orchestration.monitoring.config.MonitoringConfig;
import io.orchestration.monitoring.domain.MonitoredEnvironment;
import io.orchestration.monitoring.domain.ServiceType;
import io.orchestration.monitoring.domain.Target;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TargetCatalogTest {

    @Test
    void endpointsFromTheCatalogueMakeTargetsAndConfiguredOnesFillTheGaps() {
        TargetCatalog catalog = new TargetCatalog(config(Map.of(
                "monitoring.endpoints.devnet.ccipFeeds", "0xfeed",
                "monitoring.endpoints.devnet.ccipRouter", "0xconfigured")));
        MonitoredEnvironment devnet = new MonitoredEnvironment();
        devnet.name = "devnet";
        devnet.endpoints = Map.of("besuRpc", "http://127.0.0.1:8545", "cacti", "http://127.0.0.1:4000", "ccipRouter", "0xcatalogue");

        List<Target> targets = catalog.targetsOf(devnet);

        assertEquals(List.of(ServiceType.BESU, ServiceType.CACTI, ServiceType.CHAINLINK_CCIP), targets.stream().map(Target::type).toList());
        Target ccip = targets.get(2);
        assertEquals("0xcatalogue", ccip.endpoint("ccipRouter"), "the catalogue wins");
        assertEquals("0xfeed", ccip.endpoint("ccipFeeds"));
        assertEquals("http://127.0.0.1:8545", ccip.endpoint("besuRpc"));
        assertEquals(Map.of("cacti", "http://127.0.0.1:4000"), targets.get(1).endpoints());
    }

    private static MonitoringConfig config(Map<String, String> values) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withMapping(MonitoringConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter());
        values.forEach(builder::withDefaultValue);
        return builder.build().getConfigMapping(MonitoringConfig.class);
    }
}
