package io.orchestration.deployment.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;

import java.util.List;
import java.util.Map;

/** Small reads and writes of Deployments and their pods that several rollout operations share. Blocking. */
final class Workloads {

    private Workloads() {
    }

    static RollableScalableResource<Deployment> deployment(KubernetesClient cluster, String namespace, String name) {
        return cluster.apps().deployments().inNamespace(namespace).withName(name);
    }

    /** The Deployment, or a failure naming it and why the step needs it. */
    static Deployment required(KubernetesClient cluster, String namespace, String name, String why) {
        Deployment found = deployment(cluster, namespace, name).get();
        if (found == null) {
            throw new IllegalStateException("Deployment " + namespace + "/" + name + " not found: " + why);
        }
        return found;
    }

    /** Sets the replicas through the Deployment itself (not the scale subresource, which not every API server mock serves). */
    static String scale(KubernetesClient cluster, String namespace, String name, int replicas) {
        if (deployment(cluster, namespace, name).get() == null) {
            return "nothing to scale: Deployment " + namespace + "/" + name + " does not exist";
        }
        deployment(cluster, namespace, name).edit(d -> {
            d.getSpec().setReplicas(replicas);
            return d;
        });
        return "applied: Deployment " + namespace + "/" + name + " scaled to " + replicas + " replicas";
    }

    /** Fails unless the Deployment's pods are all Ready, as many as it wants and at least one. */
    static String requirePodsReady(KubernetesClient cluster, String namespace, String name) {
        Deployment deployment = required(cluster, namespace, name, "its pods were to be checked");
        int desired = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
        List<Pod> pods = cluster.pods().inNamespace(namespace).withLabels(selector).list().getItems();
        long ready = pods.stream().filter(Workloads::ready).count();
        if (desired == 0 || ready < desired) {
            throw new IllegalStateException("Deployment " + namespace + "/" + name + " has " + ready + " Ready pods of "
                    + desired + " wanted" + (pods.size() > ready ? " (" + (pods.size() - ready) + " not Ready)" : ""));
        }
        return "healthy: " + ready + " of " + desired + " pods of Deployment " + namespace + "/" + name + " are Ready";
    }

    static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
