package io.orchestration.deployment.strategy;

import io.orchestration.deployment.config.DeploymentConfig;
import io.orchestration.deployment.config.DeploymentConfig.Workload;
import io.orchestration.deployment.domain.DeployOptions;
import io.orchestration.deployment.domain.EnvironmentRef;
import io.orchestration.deployment.domain.Strategy;
import io.orchestration.deployment.strategy.Operation.AnalyseCanary;
import io.orchestration.deployment.strategy.Operation.ApplyCanarySubsets;
import io.orchestration.deployment.strategy.Operation.AwaitIdleColour;
import io.orchestration.deployment.strategy.Operation.AwaitRollout;
import io.orchestration.deployment.strategy.Operation.CheckIdleColourReady;
import io.orchestration.deployment.strategy.Operation.CreateCanary;
import io.orchestration.deployment.strategy.Operation.DeleteCanary;
import io.orchestration.deployment.strategy.Operation.DeployIdleColour;
import io.orchestration.deployment.strategy.Operation.RevertImage;
import io.orchestration.deployment.strategy.Operation.ScaleDownIdleColour;
import io.orchestration.deployment.strategy.Operation.ScaleDownOldColour;
import io.orchestration.deployment.strategy.Operation.SetCanaryWeight;
import io.orchestration.deployment.strategy.Operation.SetPartition;
import io.orchestration.deployment.strategy.Operation.Stabilise;
import io.orchestration.deployment.strategy.Operation.SwitchTraffic;
import io.orchestration.deployment.strategy.Operation.SwitchTrafficBack;
import io.orchestration.deployment.strategy.Operation.CheckPodsReady;
import io.orchestration.deployment.strategy.Operation.CheckServiceEndpoints;
import io.orchestration.deployment.strategy.Operation.CheckChain;
import io.orchestration.deployment.strategy.Operation.RollPodByPod;
import io.orchestration.deployment.strategy.Operation.SetImage;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
                new CheckChain())));
        return new RolloutPlan(steps);
    }

    /**
     * The steps that undo a rollout stopped part-way: traffic back to what served before, then the new version's
     * objects scaled down, removed or reverted. Each operation looks at what the rollout did (its facts) and the cluster,
     * so it is right whichever step the rollout stopped at. {@code previousVersion} may be null when unknown.
     */
    public RolloutPlan planRollback(EnvironmentRef environment, Strategy strategy, String previousVersion) {
        String namespace = environment.namespace == null ? "default" : environment.namespace;
        List<PlannedStep> steps = new ArrayList<>();
        for (Workload w : workloadsOf(environment)) {
            boolean stateful = STATEFUL_SET.equals(w.kind());
            String fallbackImage = previousVersion == null ? null : w.image() + ":" + previousVersion;
            if (strategy == Strategy.CANARY && !stateful) {
                steps.add(new PlannedStep("roll back canary of " + w.name(), List.of(
                        new SetCanaryWeight(namespace, w.name(), 0),
                        new DeleteCanary(namespace, w.name()),
                        new RevertImage(w.kind(), namespace, w.name(), w.container(), null),
                        awaitRollout(namespace, w.kind(), w.name()))));
            } else if (strategy == Strategy.BLUE_GREEN && !stateful) {
                steps.add(new PlannedStep("switch traffic of " + w.name() + " back", List.of(
                        new SwitchTrafficBack(namespace, w.name()),
                        new ScaleDownIdleColour(namespace, w.name()))));
            } else if (stateful) {
                // The pods the walk had not reached still run the old image: released, only the replaced ones change back.
                steps.add(new PlannedStep("revert " + ref(w), List.of(
                        new RevertImage(w.kind(), namespace, w.name(), w.container(), fallbackImage),
                        new SetPartition(namespace, w.name(), 0),
                        awaitRollout(namespace, w.kind(), w.name()))));
            } else {
                steps.add(new PlannedStep("revert " + ref(w), List.of(
                        new RevertImage(w.kind(), namespace, w.name(), w.container(), fallbackImage),
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
                new PlannedStep("update " + ref(w), List.of(new SetPartition(ns, w.name(), null), setImage(ns, w, w.name(), version))),
                new PlannedStep("roll " + ref(w) + " pod by pod", List.of(new RollPodByPod(ns, w.name()))));
    }

    private List<PlannedStep> blueGreen(String ns, Workload w, String version) {
        return List.of(
                new PlannedStep("deploy idle colour of " + ref(w), List.of(
                        new DeployIdleColour(ns, w.name(), w.container(), w.image() + ":" + version))),
                new PlannedStep("await idle colour ready", List.of(new AwaitIdleColour(ns, w.name()))),
                new PlannedStep("health-check idle colour", List.of(new CheckIdleColourReady(ns, w.name()))),
                new PlannedStep("switch traffic of " + w.name(), List.of(new SwitchTraffic(ns, w.name()))),
                new PlannedStep("stabilise " + w.name(), List.of(
                        new Stabilise(ns, w.name(), config.blueGreen().stabilisation().toSeconds()))),
                new PlannedStep("scale down old colour of " + w.name(), List.of(new ScaleDownOldColour(ns, w.name()))));
    }

    private List<PlannedStep> canary(String ns, Workload w, String version, DeployOptions options) {
        List<Integer> weights = options.canarySteps() != null ? options.canarySteps() : config.canary().steps();
        Duration pause = options.pauseSeconds() != null ? Duration.ofSeconds(options.pauseSeconds()) : config.canary().pause();
        double threshold = options.maxErrorRate() != null ? options.maxErrorRate() : config.canary().maxErrorRate();
        String query = String.format(Locale.ROOT, config.canary().errorRateQuery(), ns, w.name());
        List<PlannedStep> steps = new ArrayList<>();
        steps.add(new PlannedStep("create canary of " + w.name(), List.of(
                new CreateCanary(ns, w.name(), w.container(), w.image() + ":" + version),
                new ApplyCanarySubsets(ns, w.name()),
                awaitRollout(ns, "Deployment", w.name() + "-canary"))));
        for (int weight : weights) {
            steps.add(new PlannedStep("shift " + weight + "% to canary of " + w.name(), List.of(
                    new SetCanaryWeight(ns, w.name(), weight),
                    new AnalyseCanary(ns, w.name(), pause.toSeconds(), threshold, query))));
        }
        steps.add(new PlannedStep("promote canary of " + w.name(), List.of(
                setImage(ns, w, w.name(), version),
                awaitRollout(ns, w.kind(), w.name()),
                new SetCanaryWeight(ns, w.name(), 0))));
        steps.add(new PlannedStep("remove canary of " + w.name(), List.of(new DeleteCanary(ns, w.name()))));
        return steps;
    }

    private static Operation setImage(String ns, Workload w, String name, String version) {
        return new SetImage(w.kind(), ns, name, w.container(), w.image() + ":" + version);
    }

    private static Operation awaitRollout(String ns, String kind, String name) {
        return new AwaitRollout(kind, ns, name);
    }

    private static String ref(Workload w) {
        return w.kind() + " " + w.name();
    }
}
