package io.orchestration.monitoring.domain;

import java.util.Map;

/**
 * One service of one environment to collect from, with the endpoints its collector needs
 * (besuRpc, besuMetrics, cacti, firefly, ccipRouter, ... as the environment catalogue names them).
 */
public record Target(String environment, ServiceType type, String serviceName, Map<String, String> endpoints) {

    public Target {
        endpoints = Map.copyOf(endpoints);
    }

    public String endpoint(String name) {
        return endpoints.get(name);
    }

    /** The key that identifies this target across replicas and restarts. */
    public String key() {
        return environment + "/" + type.id() + "/" + serviceName;
    }
}
