package io.orchestration.deployment.cluster;

import java.util.Map;

/**
 * What applying one operation did: a line for the deployment's log, and the facts it learnt from the cluster
 * (see {@link io.orchestration.deployment.strategy.RolloutFacts}) for later operations and a rollback.
 */
public record Applied(String line, Map<String, String> facts) {

    public static Applied line(String line) {
        return new Applied(line, Map.of());
    }
}
