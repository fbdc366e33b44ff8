package io.orchestration.deployment.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.orchestration.deployment.strategy.Operation;
import io.orchestration.deployment.strategy.Operation.ApplyCanarySubsets;
import io.orchestration.deployment.strategy.Operation.AwaitIdleColour;
import io.orchestration.deployment.strategy.Operation.AwaitRollout;
import io.orchestration.deployment.strategy.Operation.CheckIdleColourReady;
import io.orchestration.deployment.strategy.Operation.CheckPodsReady;
import io.orchestration.deployment.strategy.Operation.CheckServiceEndpoints;
import io.orchestration.deployment.strategy.Operation.CreateCanary;
import io.orchestration.deployment.strategy.Operation.DeleteCanary;
import io.orchestration.deployment.strategy.Operation.DeployIdleColour;
import io.orchestration.deployment.strategy.Operation.RevertImage;
import io.orchestration.deployment.strategy.Operation.ScaleDownIdleColour;
import io.orchestration.deployment.strategy.Operation.ScaleDownOldColour;
import io.orchestration.deployment.strategy.Operation.SetCanaryWeight;
import io.orchestration.deployment.strategy.Operation.SetImage;
import io.orchestration.deployment.strategy.Operation.SetPartition;
import io.orchestration.deployment.strategy.Operation.Stabilise;
import io.orchestration.deployment.strategy.Operation.SwitchTraffic;
import io.orchestration.deployment.strategy.Operation.SwitchTrafficBack;
import io.orchestration.deployment.strategy.RolloutFacts;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/** Applies a plan's operations to a live cluster with the fabric8 client. Blocking: call from a worker thread. */
@ApplicationScoped
public class ClusterOperations {

    private static final String STATEFUL_SET = "StatefulSet";
    private static final int CONFLICT_ATTEMPTS = 5;

    /** The workload an operation waits for, or null when it does not wait. */
    public static AwaitedWorkload awaited(Operation operation, RolloutFacts facts) {
        if (operation instanceof AwaitRollout await) {
            return new AwaitedWorkload(await.kind(), await.namespace(), await.name());
        }
        if (operation instanceof AwaitIdleColour await) {
            return new AwaitedWorkload("Deployment", await.namespace(), BlueGreenOperations.idleDeployment(facts, await.namespace(), await.name()));
        }
        return null;
    }

    /** A workload whose rollout an operation waits for. */
    public record AwaitedWorkload(String kind, String namespace, String name) {
        @Override
        public String toString() {
            return kind + " " + namespace + "/" + name;
        }
    }

    /**
     * Applies an operation that does not wait (or the check that ends a {@link Stabilise} wait), and answers what
     * happened for the deployment's log, with what it learnt of the cluster.
     */
    public Applied apply(KubernetesClient cluster, Operation operation, RolloutFacts facts) {
        return retriedOnConflict(() -> applyOnce(cluster, operation, facts));
    }

    /**
     * Runs a read-then-write against the API server again when the write lost a race (409 Conflict: a controller
     * updated the object, e.g. its status, in between). Every operation reads what it changes, so a retry is safe.
     */
    static <T> T retriedOnConflict(Supplier<T> readThenWrite) {
        for (int attempt = 1; ; attempt++) {
            try {
                return readThenWrite.get();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == CONFLICT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Applied applyOnce(KubernetesClient cluster, Operation operation, RolloutFacts facts) {
        // Java 17 has no pattern matching for switch (preview only), hence the instanceof chain.
        if (operation instanceof SetImage set) {
            return setImage(cluster, set);
        } else if (operation instanceof SetPartition partition) {
            return Applied.line(setPartition(cluster, partition.namespace(), partition.name(), partition.partition()));
        } else if (operation instanceof RevertImage revert) {
            return Applied.line(revertImage(cluster, revert, facts));
        } else if (operation instanceof CheckPodsReady check) {
            return Applied.line(checkPodsReady(cluster, check.namespace(), Map.of()));
        } else if (operation instanceof CheckServiceEndpoints check) {
            return Applied.line(checkServiceEndpoints(cluster, check.namespace()));
        } else if (operation instanceof DeployIdleColour deploy) {
            return BlueGreenOperations.deployIdleColour(cluster, deploy, facts);
        } else if (operation instanceof CheckIdleColourReady check) {
            return Applied.line(BlueGreenOperations.checkIdleColourReady(cluster, check.namespace(), check.name(), facts));
        } else if (operation instanceof SwitchTraffic swap) {
            return BlueGreenOperations.switchTraffic(cluster, swap.namespace(), swap.name(), facts);
        } else if (operation instanceof Stabilise stabilise) {
            return Applied.line(BlueGreenOperations.checkStable(cluster, stabilise.namespace(), stabilise.name(), facts));
        } else if (operation instanceof ScaleDownOldColour scale) {
            return Applied.line(BlueGreenOperations.scaleDownOldColour(cluster, scale.namespace(), scale.name(), facts));
        } else if (operation instanceof SwitchTrafficBack back) {
            return BlueGreenOperations.switchTrafficBack(cluster, back.namespace(), back.name(), facts);
        } else if (operation instanceof ScaleDownIdleColour scale) {
            return Applied.line(BlueGreenOperations.scaleDownIdleColour(cluster, scale.namespace(), scale.name(), facts));
        } else if (operation instanceof CreateCanary create) {
            return Applied.line(CanaryOperations.createCanary(cluster, create));
        } else if (operation instanceof ApplyCanarySubsets subsets) {
            return Applied.line(CanaryOperations.applySubsets(cluster, subsets.namespace(), subsets.name()));
        } else if (operation instanceof SetCanaryWeight weight) {
            return Applied.line(CanaryOperations.setWeight(cluster, weight.namespace(), weight.name(), weight.weight()));
        } else if (operation instanceof DeleteCanary delete) {
            return Applied.line(CanaryOperations.deleteCanary(cluster, delete.namespace(), delete.name()));
        }
        return Applied.line("not automated, skipped: " + operation.describe());
    }

    /** One look at a workload's rollout; null when the workload does not exist. */
    public Rollout rollout(KubernetesClient cluster, AwaitedWorkload workload) {
        return STATEFUL_SET.equals(workload.kind()) ? statefulSet(cluster, workload.namespace(), workload.name())
                : deployment(cluster, workload.namespace(), workload.name());
    }

    private Applied setImage(KubernetesClient cluster, SetImage set) {
        String before = image(cluster, set.kind(), set.namespace(), set.name(), set.container());
        editImage(cluster, set.kind(), set.namespace(), set.name(), set.container(), set.image());
        String line = "applied: " + set.kind() + " " + set.namespace() + "/" + set.name() + " container '" + set.container()
                + "' now runs " + set.image();
        // Re-applied after a crash, the image is already the new one: that is not the image to revert to.
        return before.equals(set.image()) ? Applied.line(line)
                : new Applied(line + " (was " + before + ")", RolloutFacts.imageBefore(set.kind(), set.namespace(), set.name(), before));
    }

    /** Sets the StatefulSet's RollingUpdate partition; null means its replica count (every pod held). */
    public String setPartition(KubernetesClient cluster, String namespace, String name, Integer partition) {
        return retriedOnConflict(() -> setPartitionOnce(cluster, namespace, name, partition));
    }

    private String setPartitionOnce(KubernetesClient cluster, String namespace, String name, Integer partition) {
        StatefulSet found = cluster.apps().statefulSets().inNamespace(namespace).withName(name).get();
        if (found == null) {
            throw new IllegalStateException("StatefulSet " + namespace + "/" + name + " not found");
        }
        int value = partition != null ? partition : replicasOf(found);
        cluster.apps().statefulSets().inNamespace(namespace).withName(name).edit(s -> {
            s.getSpec().setUpdateStrategy(new StatefulSetUpdateStrategyBuilder().withType("RollingUpdate")
                    .withNewRollingUpdate().withPartition(value).endRollingUpdate().build());
            return s;
        });
        return "applied: StatefulSet " + namespace + "/" + name + " partition " + value
                + (partition == null ? " (every pod held until the walk reaches it)" : value == 0 ? " (every pod released)" : "");
    }

    /** A StatefulSet's replica count and RollingUpdate partition (0 when it has none), for a pod-by-pod walk. */
    public record PodWalk(int replicas, int partition) {
    }

    public PodWalk podWalk(KubernetesClient cluster, String namespace, String name) {
        StatefulSet found = cluster.apps().statefulSets().inNamespace(namespace).withName(name).get();
        if (found == null) {
            throw new IllegalStateException("StatefulSet " + namespace + "/" + name + " not found");
        }
        return new PodWalk(replicasOf(found), partitionOf(found));
    }

    private static int replicasOf(StatefulSet statefulSet) {
        return statefulSet.getSpec().getReplicas() == null ? 1 : statefulSet.getSpec().getReplicas();
    }

    private static int partitionOf(StatefulSet statefulSet) {
        var strategy = statefulSet.getSpec().getUpdateStrategy();
        return strategy == null || strategy.getRollingUpdate() == null || strategy.getRollingUpdate().getPartition() == null
                ? 0 : strategy.getRollingUpdate().getPartition();
    }

    private String revertImage(KubernetesClient cluster, RevertImage revert, RolloutFacts facts) {
        String target = facts.imageBefore(revert.kind(), revert.namespace(), revert.name()).orElse(revert.fallbackImage());
        String workload = revert.kind() + " " + revert.namespace() + "/" + revert.name();
        if (target == null) {
            return "nothing to revert: " + workload + " was not changed by this rollout";
        }
        String current = image(cluster, revert.kind(), revert.namespace(), revert.name(), revert.container());
        if (current.equals(target)) {
            return "nothing to revert: " + workload + " container '" + revert.container() + "' runs " + target;
        }
        editImage(cluster, revert.kind(), revert.namespace(), revert.name(), revert.container(), target);
        return "applied: " + workload + " container '" + revert.container() + "' back to " + target + " (was " + current + ")";
    }

    private static String image(KubernetesClient cluster, String kind, String namespace, String name, String container) {
        String workload = kind + " " + namespace + "/" + name;
        PodSpec pod;
        if (STATEFUL_SET.equals(kind)) {
            StatefulSet s = cluster.apps().statefulSets().inNamespace(namespace).withName(name).get();
            pod = s == null ? null : s.getSpec().getTemplate().getSpec();
        } else {
            Deployment d = cluster.apps().deployments().inNamespace(namespace).withName(name).get();
            pod = d == null ? null : d.getSpec().getTemplate().getSpec();
        }
        if (pod == null) {
            throw new IllegalStateException(workload + " not found");
        }
        return containerNamed(pod, workload, container).getImage();
    }

    private static void editImage(KubernetesClient cluster, String kind, String namespace, String name, String container, String image) {
        String workload = kind + " " + namespace + "/" + name;
        if (STATEFUL_SET.equals(kind)) {
            cluster.apps().statefulSets().inNamespace(namespace).withName(name)
                    .edit(s -> { containerNamed(s.getSpec().getTemplate().getSpec(), workload, container).setImage(image); return s; });
        } else {
            cluster.apps().deployments().inNamespace(namespace).withName(name)
                    .edit(d -> { containerNamed(d.getSpec().getTemplate().getSpec(), workload, container).setImage(image); return d; });
        }
    }

    static Container containerNamed(PodSpec pod, String workload, String container) {
        return pod.getContainers().stream().filter(c -> container.equals(c.getName())).findFirst()
                .orElseThrow(() -> new IllegalStateException(workload + " has no container '" + container + "'"));
    }

    /**
     * What a workload's status says of its rollout. A StatefulSet held at a partition is done when the pods from the
     * partition up are updated (the others are meant to keep the old spec) and every pod is available.
     */
    public record Rollout(long generation, long observedGeneration, int desired, int updated, int available, int partition) {
        public boolean done() {
            return observedGeneration >= generation && updated >= desired - partition && available == desired;
        }

        @Override
        public String toString() {
            return "generation " + generation + ", observed " + observedGeneration + ", replicas desired " + desired
                    + ", updated " + updated + ", available " + available + (partition > 0 ? ", partition " + partition : "");
        }
    }

    private static Rollout deployment(KubernetesClient cluster, String namespace, String name) {
        Deployment d = cluster.apps().deployments().inNamespace(namespace).withName(name).get();
        if (d == null) {
            return null;
        }
        var status = d.getStatus();
        return new Rollout(orZero(d.getMetadata().getGeneration()), status == null ? 0 : orZero(status.getObservedGeneration()),
                d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas(),
                status == null ? 0 : orZero(status.getUpdatedReplicas()), status == null ? 0 : orZero(status.getAvailableReplicas()), 0);
    }

    private static Rollout statefulSet(KubernetesClient cluster, String namespace, String name) {
        StatefulSet s = cluster.apps().statefulSets().inNamespace(namespace).withName(name).get();
        if (s == null) {
            return null;
        }
        var status = s.getStatus();
        return new Rollout(orZero(s.getMetadata().getGeneration()), status == null ? 0 : orZero(status.getObservedGeneration()),
                replicasOf(s), status == null ? 0 : orZero(status.getUpdatedReplicas()),
                status == null ? 0 : orZero(status.getAvailableReplicas()), Math.min(partitionOf(s), replicasOf(s)));
    }

    /** Fails unless every pod of the namespace (with {@code labels}, when given) is Ready. */
    public String checkPodsReady(KubernetesClient cluster, String namespace, Map<String, String> labels) {
        List<Pod> pods = (labels.isEmpty() ? cluster.pods().inNamespace(namespace) : cluster.pods().inNamespace(namespace).withLabels(labels))
                .list().getItems();
        String which = labels.isEmpty() ? "" : " with labels " + labels;
        List<String> notReady = pods.stream().filter(pod -> !Workloads.ready(pod)).map(pod -> pod.getMetadata().getName()).toList();
        if (!notReady.isEmpty()) {
            throw new IllegalStateException("Pods not Ready in namespace " + namespace + which + ": " + String.join(", ", notReady));
        }
        if (pods.isEmpty() && !labels.isEmpty()) {
            throw new IllegalStateException("No pods in namespace " + namespace + which);
        }
        return "healthy: all " + pods.size() + " pods in namespace " + namespace + which + " are Ready";
    }

    /** Fails unless every Service of the namespace that selects pods has at least one ready endpoint address. */
    public String checkServiceEndpoints(KubernetesClient cluster, String namespace) {
        List<String> selecting = cluster.services().inNamespace(namespace).list().getItems().stream()
                .filter(service -> service.getSpec().getSelector() != null && !service.getSpec().getSelector().isEmpty())
                .map(service -> service.getMetadata().getName()).toList();
        List<String> empty = selecting.stream().filter(name -> !hasAddresses(cluster.endpoints().inNamespace(namespace).withName(name).get())).toList();
        if (!empty.isEmpty()) {
            throw new IllegalStateException("Services without endpoints in namespace " + namespace + ": " + String.join(", ", empty));
        }
        return "healthy: all " + selecting.size() + " Services in namespace " + namespace + " have endpoints";
    }

    static boolean hasAddresses(Endpoints endpoints) {
        return endpoints != null && endpoints.getSubsets() != null && endpoints.getSubsets().stream()
                .anyMatch(subset -> subset.getAddresses() != null && !subset.getAddresses().isEmpty());
    }

    private static long orZero(Long value) {
        return Objects.requireNonNullElse(value, 0L);
    }

    private static int orZero(Integer value) {
        return Objects.requireNonNullElse(value, 0);
    }
}
