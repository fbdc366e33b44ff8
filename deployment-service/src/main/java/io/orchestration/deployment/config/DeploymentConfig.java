package io.orchestration.deployment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "deployment")
public interface DeploymentConfig {

    /** The Kubernetes workload behind each component an environment can enable, by component name. */
    Map<String, Workload> workloads();

    CanaryConfig canary();

    BlueGreenConfig blueGreen();

    DryRunConfig dryRun();

    DriverConfig driver();

    SlackConfig slack();

    HealthConfig health();

    RolloutConfig rollout();

    /** How far ahead a deployment can be scheduled. */
    Duration maxScheduleAhead();

    /** JSON-RPC health checks of an environment's chain. */
    interface HealthConfig {

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

    /** Live rollouts against an environment's cluster. */
    interface RolloutConfig {
        /** Longest wait for a workload's controller to roll every replica; longer fails the deployment. */
        Duration timeout();

        /** How often a waiting rollout reads the workload's status again. */
        Duration pollInterval();
    }

    interface SlackConfig {
        /** A Slack incoming-webhook URL; without one, nobody is notified. */
        Optional<URI> webhookUrl();

        Duration timeout();

        /** Tries per notification, the first included. */
        int attempts();
    }

    interface Workload {
        /** Deployment, or StatefulSet for stateful nodes such as Besu validators (always updated pod by pod). */
        String kind();

        String name();

        String container();

        /** Image repository; the deployment's version is its tag. */
        String image();
    }

    interface CanaryConfig {
        /** Traffic percentages, increasing, ending at 100. */
        List<Integer> steps();

        Duration pause();

        double maxErrorRate();

        /** PromQL for the canary's error rate; %1$s is the namespace, %2$s the workload name. */
        String errorRateQuery();

        /** Whether an analysis without a number (no data, no traffic) rolls back rather than promotes blindly. */
        @WithDefault("true")
        boolean inconclusiveFails();

        /** How long one Prometheus query may take, connecting included. */
        @WithDefault("5s")
        Duration queryTimeout();
    }

    interface BlueGreenConfig {
        /** How long the new colour serves before it is checked again and the old colour scaled down. */
        @WithDefault("30s")
        Duration stabilisation();
    }

    interface DryRunConfig {
        /** Pause between planned steps, so a person watching sees the rollout progress. */
        Duration stepPause();
    }

    interface DriverConfig {
        /** How often a replica looks for queued deployments (and expired leases) to drive. */
        Duration interval();

        /** How long a replica's claim on a deployment lasts without a heartbeat. */
        Duration lease();
    }
}
