package io.orchestration.monitoring.health;

import io.orchestration.monitoring.config.MonitoringConfig;
import io.orchestration.monitoring.domain.Health;
import io.orchestration.monitoring.domain.Reading;
import io.orchestration.monitoring.domain.ServiceType;
import io.orchestration.monitoring.domain.Target;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HealthRulesTest {

    private static final HealthRules RULES = new HealthRules(new SmallRyeConfigBuilder()
            .withMapping(MonitoringConfig.class)
            .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
            .withDefaultValue("monitoring.health.besu.min-peers", "2")
            .withDefaultValue("monitoring.health.besu.min-peers-by-environment.devnet", "0")
            .withDefaultValue("monitoring.health.besu.stalled-intervals", "3")
            .build().getConfigMapping(MonitoringConfig.class));

    private static final Target BESU = new Target("prod", ServiceType.BESU, "besu-rpc", Map.of("besuRpc", "http://node"));

    @Test
    void syncedBesuWithEnoughPeersIsHealthy() {
        Verdict verdict = RULES.judge(besu(100, 3, "synced"), 99L, 0);
        assertEquals(Health.HEALTHY, verdict.health());
        assertEquals(List.of(), verdict.reasons());
        assertEquals(100L, verdict.lastBlock());
    }

    @Test
    void fewerPeersThanTheMinimumOrSyncingIsDegraded() {
        assertEquals(List.of("1 peers, fewer than the minimum 2"), RULES.judge(besu(100, 1, "synced"), 99L, 0).reasons());
        Verdict syncing = RULES.judge(besu(100, 3, "syncing"), 99L, 0);
        assertEquals(Health.DEGRADED, syncing.health());
        assertEquals(List.of("syncing, 7 blocks behind"), syncing.reasons());
    }

    @Test
    void theMinimumOfPeersCanDifferPerEnvironment() {
        Target devnet = new Target("devnet", ServiceType.BESU, "besu-rpc", Map.of());
        Reading reading = new Reading.Builder(devnet, OffsetDateTime.now()).value("blockNumber", 5).value("peerCount", 0).up();
        assertEquals(Health.HEALTHY, RULES.judge(reading, 4L, 0).health());
    }

    @Test
    void blockThatDoesNotAdvanceForTheStatedIntervalsIsUnhealthy() {
        assertEquals(Health.HEALTHY, RULES.judge(besu(100, 3, "synced"), 100L, 1).health());
        Verdict third = RULES.judge(besu(100, 3, "synced"), 100L, 2);
        assertEquals(Health.UNHEALTHY, third.health());
        assertEquals(3, third.stalledIntervals());
        assertEquals(0, RULES.judge(besu(101, 3, "synced"), 100L, 2).stalledIntervals());
    }

    @Test
    void unreachableIsUnhealthyAndNoEndpointIsUnknown() {
        OffsetDateTime now = OffsetDateTime.now();
        assertEquals(Health.UNHEALTHY, RULES.judge(Reading.unreachable(BESU, now, "refused"), 5L, 0).health());
        assertEquals(List.of("unreachable: refused"), RULES.judge(Reading.unreachable(BESU, now, "refused"), 5L, 0).reasons());
        assertEquals(Health.UNKNOWN, RULES.judge(Reading.notConfigured(BESU, now, "no besuRpc endpoint"), null, 0).health());
    }

    private static Reading besu(long block, int peers, String sync) {
        return new Reading.Builder(BESU, OffsetDateTime.now())
                .value("blockNumber", block).value("peerCount", peers)
                .value("blocksBehind", "synced".equals(sync) ? 0 : 7).fact("syncStatus", sync).up();
    }
}
