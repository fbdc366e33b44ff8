package io.orchestration.monitoring.service;

import io.orchestration.monitoring.collector.BesuCollector;
import io.orchestration.monitoring.collector.CcipCollector;
import io.orchestration.monitoring.config.MonitoringConfig;
import io.orchestration.monitoring.domain.MonitoredEnvironment;
import io.orchestration.monitoring.domain.ServiceType;
import io.orchestration.monitoring.domain.Target;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which targets an environment has, from the endpoints its catalogue entry names (which replica collects
 * each is {@link io.orchestration.monitoring.sharding.ReplicaMembership}'s business).
 */
@ApplicationScoped
public class TargetCatalog {

    public static final String CACTI = "cacti";
    public static final String FIREFLY = "firefly";
    public static final String CCIP_ROUTER = "ccipRouter";

    private final Map<String, Map<String, String>> extraEndpoints;

    public TargetCatalog(MonitoringConfig config) {
        this.extraEndpoints = config.endpoints();
    }

    public List<Target> targetsOf(MonitoredEnvironment environment) {
        Map<String, String> endpoints = new LinkedHashMap<>(extraEndpoints.getOrDefault(environment.name, Map.of()));
        if (environment.endpoints != null) {
            endpoints.putAll(environment.endpoints);
        }
        List<Target> targets = new ArrayList<>();
        if (endpoints.containsKey(BesuCollector.RPC)) {
            targets.add(new Target(environment.name, ServiceType.BESU, "besu-rpc",
                    only(endpoints, BesuCollector.RPC, BesuCollector.METRICS)));
        }
        if (endpoints.containsKey(CACTI)) {
            targets.add(new Target(environment.name, ServiceType.CACTI, "cacti", only(endpoints, CACTI)));
        }
        if (endpoints.containsKey(FIREFLY)) {
            targets.add(new Target(environment.name, ServiceType.FIREFLY, "firefly", only(endpoints, FIREFLY)));
        }
        if (endpoints.containsKey(CCIP_ROUTER)) {
            Map<String, String> ccip = new LinkedHashMap<>(endpoints);
            ccip.keySet().retainAll(List.of(CCIP_ROUTER, BesuCollector.RPC, "ccipRpc", CcipCollector.FEEDS, CcipCollector.FEE_TOKEN, CcipCollector.FROM_BLOCK));
            targets.add(new Target(environment.name, ServiceType.CHAINLINK_CCIP, "chainlink-ccip", ccip));
        }
        if (environment.cluster != null && !environment.cluster.isEmpty()) {
            targets.add(new Target(environment.name, ServiceType.CLUSTER, "cluster", environment.cluster));
        }
        return targets;
    }

    private static Map<String, String> only(Map<String, String> endpoints, String... names) {
        Map<String, String> picked = new LinkedHashMap<>();
        for (String name : names) {
            if (endpoints.get(name) != null) {
                picked.put(name, endpoints.get(name));
            }
        }
        return picked;
    }
}
