package io.orchestration.deployment.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.orchestration.deployment.strategy.Operation;
import io.orchestration.deployment.strategy.Operation.AwaitRollout;
import io.orchestration.deployment.strategy.Operation.CheckPodsReady;
import io.orchestration.deployment.strategy.Operation.CheckServiceEndpoints;
import io.orchestration.deployment.strategy.Operation.RollPodByPod;
import io.orchestration.deployment.strategy.Operation.SetImage;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Objects;

/** Applies a plan's operations to a live cluster with the fabric8 client. Blocking: call from a worker thread. */
@ApplicationScoped
public class ClusterOperations {

    private static final String STATEFUL_SET = "StatefulSet";

    /** The workload an operation waits for, or null when it does not wait. */
    public static AwaitedWorkload awaited(Operation operation) {
        if (operation instanceof AwaitRollout await) {
            return new AwaitedWorkload(await.kind(), await.namespace(), await.name());
        }
        if (operation instanceof RollPodByPod roll) {
            // The StatefulSet controller's RollingUpdate replaces pods highest ordinal first, each after the previous is Ready.
            return new AwaitedWorkload(STATEFUL_SET, roll.namespace(), roll.name());
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

    /** Applies an operation that does not wait, and answers what happened in a line for the deployment's log. */
    public String apply(KubernetesClient cluster, Operation operation) {
        // Java 17 has no pattern matching for switch (preview only), hence the instanceof chain.
        if (operation instanceof SetImage set) {
            return setImage(cluster, set);
        } else if (operation instanceof CheckPodsReady check) {
            return checkPodsReady(cluster, check.namespace());
        } else if (operation instanceof CheckServiceEndpoints check) {
            return checkServiceEndpoints(cluster, check.namespace());
        }
        return "not automated yet, skipped: " + operation.describe();
    }

    /** One look at a workload's rollout; null when the workload does not exist. */
    public Rollout rollout(KubernetesClient cluster, AwaitedWorkload workload) {
        return STATEFUL_SET.equals(workload.kind()) ? statefulSet(cluster, workload.namespace(), workload.name())
                : deployment(cluster, workload.namespace(), workload.name());
    }

    private String setImage(KubernetesClient cluster, SetImage set) {
        if (STATEFUL_SET.equals(set.kind())) {
            cluster.apps().statefulSets().inNamespace(set.namespace()).withName(set.name())
                    .edit(s -> { withImage(s, s.getSpec().getTemplate().getSpec(), set); return s; });
        } else {
            cluster.apps().deployments().inNamespace(set.namespace()).withName(set.name())
                    .edit(d -> { withImage(d, d.getSpec().getTemplate().getSpec(), set); return d; });
        }
        return "applied: " + set.kind() + " " + set.namespace() + "/" + set.name() + " container '" + set.container()
                + "' now runs " + set.image();
    }

    private static void withImage(HasMetadata workload, PodSpec pod, SetImage set) {
        Container container = pod.getContainers().stream().filter(c -> set.container().equals(c.getName())).findFirst()
                .orElseThrow(() -> new IllegalStateException(set.kind() + " " + set.namespace() + "/" + set.name()
                        + " has no container '" + set.container() + "'"));
        container.setImage(set.image());
    }

    /** What a workload's status says of its rollout. */
    public record Rollout(long generation, long observedGeneration, int desired, int updated, int available) {
        public boolean done() {
            return observedGeneration >= generation && updated == desired && available == desired;
        }

        @Override
        public String toString() {
            return "generation " + generation + ", observed " + observedGeneration + ", replicas desired " + desired
                    + ", updated " + updated + ", available " + available;
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
                status == null ? 0 : orZero(status.getUpdatedReplicas()), status == null ? 0 : orZero(status.getAvailableReplicas()));
    }

    private static Rollout statefulSet(KubernetesClient cluster, String namespace, String name) {
        StatefulSet s = cluster.apps().statefulSets().inNamespace(namespace).withName(name).get();
        if (s == null) {
            return null;
        }
        var status = s.getStatus();
        return new Rollout(orZero(s.getMetadata().getGeneration()), status == null ? 0 : orZero(status.getObservedGeneration()),
                s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas(),
                status == null ? 0 : orZero(status.getUpdatedReplicas()), status == null ? 0 : orZero(status.getAvailableReplicas()));
    }

    private static String checkPodsReady(KubernetesClient cluster, String namespace) {
        List<Pod> pods = cluster.pods().inNamespace(namespace).list().getItems();
        List<String> notReady = pods.stream().filter(pod -> !ready(pod)).map(pod -> pod.getMetadata().getName()).toList();
        if (!notReady.isEmpty()) {
            throw new IllegalStateException("Pods not Ready in namespace " + namespace + ": " + String.join(", ", notReady));
        }
        return "healthy: all " + pods.size() + " pods in namespace " + namespace + " are Ready";
    }

    private static String checkServiceEndpoints(KubernetesClient cluster, String namespace) {
        List<String> selecting = cluster.services().inNamespace(namespace).list().getItems().stream()
                .filter(service -> service.getSpec().getSelector() != null && !service.getSpec().getSelector().isEmpty())
                .map(service -> service.getMetadata().getName()).toList();
        List<String> empty = selecting.stream().filter(name -> !hasAddresses(cluster.endpoints().inNamespace(namespace).withName(name).get())).toList();
        if (!empty.isEmpty()) {
            throw new IllegalStateException("Services without endpoints in namespace " + namespace + ": " + String.join(", ", empty));
        }
        return "healthy: all " + selecting.size() + " Services in namespace " + namespace + " have endpoints";
    }

    private static boolean hasAddresses(Endpoints endpoints) {
        return endpoints != null && endpoints.getSubsets() != null && endpoints.getSubsets().stream()
                .anyMatch(subset -> subset.getAddresses() != null && !subset.getAddresses().isEmpty());
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static long orZero(Long value) {
        return Objects.requireNonNullElse(value, 0L);
    }

    private static int orZero(Integer value) {
        return Objects.requireNonNullElse(value, 0);
    }
}
