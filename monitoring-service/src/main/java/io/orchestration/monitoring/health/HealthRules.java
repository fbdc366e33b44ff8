package io.orchestration.monitoring.health;

import io.orchestration.monitoring.config.MonitoringConfig;
import io.orchestration.monitoring.domain.Health;
import io.orchestration.monitoring.domain.Reading;
import io.orchestration.monitoring.domain.ReadingState;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * The stated rules from a reading to a health, the worst rule winning:
 * <ul>
 *   <li>every service: unreachable or misbehaving is unhealthy; no endpoint configured, or disabled by the
 *       administrator, is unknown;</li>
 *   <li>Besu: no new block for {@code stalled-intervals} collections in a row is unhealthy; syncing or
 *       behind, or fewer peers than {@code min-peers}, is degraded;</li>
 *   <li>Cacti: a health check that does not report success is unhealthy;</li>
 *   <li>FireFly: a node not registered in its network, or failed operations, is degraded;</li>
 *   <li>Chainlink CCIP: a stale oracle feed is degraded;</li>
 *   <li>cluster: no ready node is unhealthy, pods not ready are degraded.</li>
 * </ul>
 */
@ApplicationScoped
public class HealthRules {

    private final MonitoringConfig.BesuRules besu;

    public HealthRules(MonitoringConfig config) {
        this.besu = config.health().besu();
    }

    /** The verdict on {@code reading}, given the block number and stall count of the previous one (null when there is none). */
    public Verdict judge(Reading reading, Long previousBlock, int previousStalls) {
        if (reading.state() == ReadingState.NOT_CONFIGURED) {
            return new Verdict(Health.UNKNOWN, List.of(reading.error()), previousBlock, previousStalls);
        }
        if (reading.state() == ReadingState.DISABLED) {
            String by = reading.facts().get(Reading.DISABLED_BY);
            String at = reading.facts().get(Reading.DISABLED_AT);
            String reason = "disabled by the administrator" + (by == null ? "" : " (" + by + (at == null ? "" : ", " + at) + ")");
            return new Verdict(Health.UNKNOWN, List.of(reason), previousBlock, previousStalls);
        }
        if (reading.state() != ReadingState.UP) {
            String what = reading.state() == ReadingState.UNREACHABLE ? "unreachable: " : "error: ";
            return new Verdict(Health.UNHEALTHY, List.of(what + reading.error()), previousBlock, previousStalls);
        }
        Judgement judgement = new Judgement();
        Long block = null;
        int stalls = 0;
        switch (reading.target().type()) {
            case BESU -> {
                Double number = reading.value("blockNumber");
                block = number == null ? null : number.longValue();
                stalls = block != null && previousBlock != null && block <= previousBlock ? previousStalls + 1 : 0;
                judgeBesu(reading, stalls, judgement);
            }
            case CACTI -> {
                if (!"true".equals(reading.facts().get("healthCheckSuccess"))) {
                    judgement.add(Health.UNHEALTHY, "Cacti health check did not report success");
                }
            }
            case FIREFLY -> {
                if ("false".equals(reading.facts().get("nodeRegistered"))) {
                    judgement.add(Health.DEGRADED, "FireFly node is not registered in its network");
                }
                Double failed = reading.value("operationsFailed");
                if (failed != null && failed > 0) {
                    judgement.add(Health.DEGRADED, failed.longValue() + " failed operation(s)");
                }
            }
            case CHAINLINK_CCIP -> {
                Double stale = reading.value("staleFeeds");
                if (stale != null && stale > 0) {
                    judgement.add(Health.DEGRADED, stale.intValue() + " oracle feed(s) stale: " + reading.facts().getOrDefault("staleFeeds", ""));
                }
            }
            case CLUSTER -> {
                Double ready = reading.value("nodesReady");
                Double notReady = reading.value("podsNotReady");
                if (ready != null && ready < 1) {
                    judgement.add(Health.UNHEALTHY, "no node is ready");
                }
                if (notReady != null && notReady > 0) {
                    judgement.add(Health.DEGRADED, notReady.intValue() + " pod(s) not ready");
                }
            }
            default -> {
            }
        }
        return new Verdict(judgement.health, judgement.reasons, block, stalls);
    }

    private void judgeBesu(Reading reading, int stalls, Judgement judgement) {
        if (stalls >= besu.stalledIntervals()) {
            judgement.add(Health.UNHEALTHY, "block number has not advanced for " + stalls + " collections (at "
                    + reading.value("blockNumber").longValue() + ")");
        }
        String sync = reading.facts().getOrDefault("syncStatus", "synced");
        if (!"synced".equals(sync)) {
            Double behind = reading.value("blocksBehind");
            judgement.add(Health.DEGRADED, sync + (behind == null ? "" : ", " + behind.longValue() + " blocks behind"));
        }
        Double peers = reading.value("peerCount");
        int minimum = besu.minPeersFor(reading.target().environment());
        if (peers != null && peers < minimum) {
            judgement.add(Health.DEGRADED, peers.intValue() + " peers, fewer than the minimum " + minimum);
        }
    }

    private static final class Judgement {
        Health health = Health.HEALTHY;
        final List<String> reasons = new ArrayList<>();

        void add(Health worse, String reason) {
            health = health.worse(worse);
            reasons.add(reason);
        }
    }
}
