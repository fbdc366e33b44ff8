package io.orchestration.deployment.strategy;

import io.orchestration.deployment.config.DeploymentConfig;
import io.orchestration.deployment.config.DeploymentConfig.Workload;
import io.orchestration.deployment.domain.DeployOptions;
import io.orchestration.deployment.domain.EnvironmentRef;
import io.orchestration.deployment.domain.Strategy;
import io.orchestration.deployment.strategy.Operation.AwaitRollout;
import io.orchestration.deployment.strategy.Operation.CheckPodsReady;
import io.orchestration.deployment.strategy.Operation.CheckServiceEndpoints;
import io.orchestration.deployment.strategy.Operation.Described;
import io.orchestration.deployment.strategy.Operation.RollPodByPod;
import io.orchestration.deployment.strategy.Operation.SetImage;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a deployment into its ordered steps, each naming the Kubernetes objects it changes and how.
 * Stateful Besu validators are always updated one pod at a time, whatever the strategy: they hold
 * chain state and consensus, so they get no second colour and no canary.
 */
@ApplicationScoped
public class RolloutPlanner {

    private static final String STATEFUL_SET = "StatefulSet";

    private final DeploymentConfig config;

    public RolloutPlanner(DeploymentConfig config) {
        this.config = config;
    }

    public RolloutPlan plan(EnvironmentRef environment, Strategy strategy, String version, DeployOptions options) {
        String namespace = environment.namespace == null ? "default" : environment.namespace;
        List<Workload> stateless = new ArrayList<>();
        List<Workload> stateful = new ArrayList<>();
        for (Workload workload : workloadsOf(environment)) {
            (STATEFUL_SET.equals(workload.kind()) ? stateful : stateless).add(workload);
        }

        List<PlannedStep> steps = new ArrayList<>();
        for (Workload workload : stateless) {
            switch (strategy) {
                case ROLLING -> steps.addAll(rolling(namespace, workload, version));
                case BLUE_GREEN -> steps.addAll(blueGreen(namespace, workload, version));
                case CANARY -> steps.addAll(canary(namespace, workload, version, options));
            }
        }
        for (Workload workload : stateful) {
            steps.addAll(podByPod(namespace, workload, version));
        }
        steps.add(new PlannedStep("health-check " + namespace, List.of(
                new CheckPodsReady(namespace),
                new CheckServiceEndpoints(namespace),
                described("CHECK Besu JSON-RPC answers eth_blockNumber and the block number advances"),
                described("CHECK validators are in sync (eth_syncing false, peers > 0)"))));
        return new RolloutPlan(steps);
    }

    /**
     * The steps that undo a rollout stopped part-way: traffic back to what ran before, then the
     * new version's objects removed or reverted. {@code previousVersion} may be null when unknown.
     */
    public RolloutPlan planRollback(EnvironmentRef environment, Strategy strategy, String previousVersion) {
        String namespace = environment.namespace == null ? "default" : environment.namespace;
        String image = previousVersion == null ? "the image it ran before (revision history)" : "version " + previousVersion;
        List<PlannedStep> steps = new ArrayList<>();
        for (Workload w : workloadsOf(environment)) {
            boolean stateful = STATEFUL_SET.equals(w.kind());
            if (strategy == Strategy.CANARY && !stateful) {
                steps.add(new PlannedStep("roll back canary of " + w.name(), List.of(
                        described("PATCH networking.istio.io/v1 VirtualService " + namespace + "/" + w.name() + " route weights stable 100, canary 0"),
                        described("DELETE apps/v1 Deployment " + namespace + "/" + w.name() + "-canary"))));
            } else if (strategy == Strategy.BLUE_GREEN && !stateful) {
                steps.add(new PlannedStep("switch traffic of " + w.name() + " back", List.of(
                        described("PATCH v1 Service " + namespace + "/" + w.name() + " spec.selector.color back to the colour live before"),
                        described("SCALE apps/v1 Deployment " + namespace + "/" + w.name() + "-<new colour> to 0 replicas"))));
            } else {
                steps.add(new PlannedStep("revert " + ref(w), List.of(
                        described("PATCH apps/v1 " + w.kind() + " " + namespace + "/" + w.name() + " container '" + w.container()
                                + "' image -> " + image),
                        awaitRollout(namespace, w.kind(), w.name()))));
            }
        }
        return new RolloutPlan(steps);
    }

    private List<Workload> workloadsOf(EnvironmentRef environment) {
        List<Workload> workloads = new ArrayList<>();
        for (Map.Entry<String, Boolean> component : environment.components.entrySet()) {
            Workload workload = config.workloads().get(component.getKey());
            if (Boolean.TRUE.equals(component.getValue()) && workload != null) {
                workloads.add(workload);
            }
        }
        workloads.sort((a, b) -> a.name().compareTo(b.name()));
        return workloads;
    }

    private static List<PlannedStep> rolling(String ns, Workload w, String version) {
        return List.of(
                new PlannedStep("update " + ref(w), List.of(setImage(ns, w, w.name(), version))),
                new PlannedStep("await rollout of " + ref(w), List.of(awaitRollout(ns, w.kind(), w.name()))));
    }

    private static List<PlannedStep> podByPod(String ns, Workload w, String version) {
        return List.of(
                new PlannedStep("update " + ref(w), List.of(setImage(ns, w, w.name(), version))),
                new PlannedStep("roll " + ref(w) + " pod by pod", List.of(new RollPodByPod(ns, w.name()))));
    }

    private static List<PlannedStep> blueGreen(String ns, Workload w, String version) {
        String idle = w.name() + "-<idle colour>";
        return List.of(
                new PlannedStep("deploy idle colour of " + ref(w), List.of(
                        described("READ v1 Service " + ns + "/" + w.name() + " selector 'color' -> the live colour; the idle one is the other (green when none)"),
                        described("APPLY apps/v1 Deployment " + ns + "/" + idle + " image " + w.image() + ":" + version
                                + ", label color=<idle colour>, replicas = the live colour's"))),
                new PlannedStep("await idle colour ready", List.of(awaitRollout(ns, "Deployment", idle))),
                new PlannedStep("health-check idle colour", List.of(
                        described("CHECK pods of " + ns + "/" + idle + " Ready and answering on their Service port"))),
                new PlannedStep("switch traffic of " + w.name(), List.of(
                        described("PATCH v1 Service " + ns + "/" + w.name() + " spec.selector.color: <live colour> -> <idle colour>"))),
                new PlannedStep("stabilise " + w.name(), List.of(
                        described("WAIT and re-check health; on failure PATCH the selector back (instant rollback)"))),
                new PlannedStep("scale down old colour of " + w.name(), List.of(
                        described("SCALE apps/v1 Deployment " + ns + "/" + w.name() + "-<old colour> to 0 replicas"))));
    }

    private List<PlannedStep> canary(String ns, Workload w, String version, DeployOptions options) {
        List<Integer> weights = options.canarySteps() != null ? options.canarySteps() : config.canary().steps();
        Duration pause = options.pauseSeconds() != null ? Duration.ofSeconds(options.pauseSeconds()) : config.canary().pause();
        double threshold = options.maxErrorRate() != null ? options.maxErrorRate() : config.canary().maxErrorRate();
        String canary = w.name() + "-canary";
        List<PlannedStep> steps = new ArrayList<>();
        steps.add(new PlannedStep("create canary of " + w.name(), List.of(
                described("APPLY apps/v1 Deployment " + ns + "/" + canary + " replicas 1, image " + w.image() + ":" + version + ", label track=canary"),
                described("APPLY networking.istio.io/v1 DestinationRule " + ns + "/" + w.name() + " subsets stable (track=stable), canary (track=canary)"),
                awaitRollout(ns, "Deployment", canary))));
        for (int weight : weights) {
            steps.add(new PlannedStep("shift " + weight + "% to canary of " + w.name(), List.of(
                    described("PATCH networking.istio.io/v1 VirtualService " + ns + "/" + w.name() + " route weights stable "
                            + (100 - weight) + ", canary " + weight),
                    described("WAIT " + pause.toSeconds() + "s, then QUERY Prometheus " + String.format(config.canary().errorRateQuery(), ns, w.name())),
                    described("ROLL BACK (weights stable 100, canary 0; DELETE " + canary + ") if the error rate exceeds " + threshold))));
        }
        steps.add(new PlannedStep("promote canary of " + w.name(), List.of(
                setImage(ns, w, w.name(), version),
                awaitRollout(ns, w.kind(), w.name()),
                described("PATCH networking.istio.io/v1 VirtualService " + ns + "/" + w.name() + " route weights stable 100, canary 0"))));
        steps.add(new PlannedStep("remove canary of " + w.name(), List.of(
                described("DELETE apps/v1 Deployment " + ns + "/" + canary))));
        return steps;
    }

    private static Operation setImage(String ns, Workload w, String name, String version) {
        return new SetImage(w.kind(), ns, name, w.container(), w.image() + ":" + version);
    }

    private static Operation awaitRollout(String ns, String kind, String name) {
        return new AwaitRollout(kind, ns, name);
    }

    private static Operation described(String text) {
        return new Described(text);
    }

    private static String ref(Workload w) {
        return w.kind() + " " + w.name();
    }
}
