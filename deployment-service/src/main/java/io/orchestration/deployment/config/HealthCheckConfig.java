package io.orchestration.deployment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "deployment.health")
public interface HealthCheckConfig {

    /** Longest wait for one JSON-RPC answer; a node slower than this fails the check. */
    @WithDefault("3s")
    Duration rpcTimeout();

    /** Time between the two block number samples; the chain must have produced a block in between. */
    @WithDefault("3s")
    Duration blockAdvanceWindow();

    /** Fewest peers a node may have; 0 lets a single-node dev chain pass. */
    @WithDefault("0")
    int minPeers();
}
