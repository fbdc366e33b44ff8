package io.orchestration.monitoring.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "monitoring")
public interface MonitoringConfig {

    CollectionConfig collection();

    HealthConfig health();

    StorageConfig storage();

    ReplicasConfig replicas();

    DemoConfig demo();

    CcipConfig ccip();

    interface CcipConfig {
        /** The most blocks one eth_getLogs call asks for (nodes limit a range); 20 ranges at most per collection. */
        @WithDefault("5000")
        long maxLogRange();
    }

    /**
     * Endpoints per environment that the catalogue does not carry (yet), e.g.
     * {@code monitoring.endpoints.local-devnet.ccipFeeds=0x...}; an endpoint from the catalogue wins.
     */
    Map<String, Map<String, String>> endpoints();

    interface CollectionConfig {
        /** How often every target is collected unless its service type says otherwise. */
        @WithDefault("15s")
        Duration interval();

        /** Per service type (besu, cacti, firefly, chainlink-ccip, cluster): its own collection interval. */
        Map<String, Duration> intervals();

        /** Per target, by its key {@code "environment/type/name"} (quoted in properties): its own collection interval. */
        Map<String, Duration> targetIntervals();

        /** Longest wait for one call to a target; a slower target is unreachable for that collection. */
        @WithDefault("5s")
        Duration timeout();

        /** Whether the scheduler collects by itself (tests turn it off and trigger collections). */
        @WithDefault("true")
        boolean scheduled();

        /** The target's own interval, else its service type's, else the default. */
        default Duration intervalOf(String targetKey, String serviceType) {
            return targetIntervals().getOrDefault(targetKey, intervals().getOrDefault(serviceType, interval()));
        }
    }

    /** The stated rules that turn a reading into healthy / degraded / unhealthy. */
    interface HealthConfig {
        BesuRules besu();

        FeedRules feeds();
    }

    interface BesuRules {
        /** Fewer peers than this is degraded. */
        @WithDefault("1")
        int minPeers();

        /** Per environment: a different minimum (a single-node dev chain has no peers). */
        Map<String, Integer> minPeersByEnvironment();

        /** This many collections in a row without a new block is unhealthy. */
        @WithDefault("3")
        int stalledIntervals();

        /** A syncing node more blocks than this behind the highest known block is "behind", not just "syncing". */
        @WithDefault("50")
        long behindThreshold();

        default int minPeersFor(String environment) {
            return minPeersByEnvironment().getOrDefault(environment, minPeers());
        }
    }

    interface FeedRules {
        /** An oracle feed whose latest round is older than this is stale (the service is then degraded). */
        @WithDefault("1h")
        Duration maxAge();
    }

    interface StorageConfig {
        /** How long each resolution is kept; older partitions are dropped whole. */
        @WithDefault("P7D")
        Duration rawRetention();

        @WithDefault("P30D")
        Duration minuteRetention();

        @WithDefault("P400D")
        Duration hourRetention();
    }

    /**
     * Live membership for sharding: each replica registers in PostgreSQL and refreshes a heartbeat; the members are
     * the replicas with a heartbeat younger than the TTL, and each target belongs to one member by rendezvous hashing.
     */
    interface ReplicasConfig {
        /** This replica's id; by default the host name with a random suffix. */
        Optional<String> id();

        /** How often this replica refreshes its heartbeat and re-reads the members. */
        @WithDefault("3s")
        Duration heartbeat();

        /** A replica whose heartbeat is older than this is no member: its targets move to the others. */
        @WithDefault("10s")
        Duration ttl();
    }

    interface DemoConfig {
        /** Seed 24 h of labelled demo history for environments without live data, on an empty database. */
        @WithDefault("false")
        boolean seed();

        /** Environments that are never seeded (they have live targets). */
        Optional<List<String>> liveEnvironments();
    }
}
