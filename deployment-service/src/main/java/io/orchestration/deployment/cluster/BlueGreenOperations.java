package io.orchestration.deployment.cluster;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.orchestration.deployment.domain.Color;
import io.orchestration.deployment.strategy.Operation.DeployIdleColour;
import io.orchestration.deployment.strategy.RolloutFacts;

import java.util.HashMap;
import java.util.Map;

/**
 * Blue-green on Kubernetes: each colour is a Deployment {@code <workload>-<colour>} whose pods carry {@code color},
 * and the workload's Service selects the live one by {@code spec.selector.color}. A workload that has never had
 * colours is served by its plain Deployment; its first blue-green rollout deploys green beside it. Blocking.
 */
final class BlueGreenOperations {

    static final String COLOR_LABEL = "color";

    private BlueGreenOperations() {
    }

    static Applied deployIdleColour(KubernetesClient cluster, DeployIdleColour op, RolloutFacts facts) {
        String ns = op.namespace();
        String live = facts.liveColour(ns, op.name()).orElseGet(() -> liveColourOf(service(cluster, ns, op.name())));
        Color idle = Color.GREEN.id().equals(live) ? Color.BLUE : Color.GREEN;
        String liveName = deploymentOf(op.name(), live);
        Deployment source = Workloads.required(cluster, ns, liveName, "it serves " + op.name() + " and is the spec the idle colour copies");
        int replicas = source.getSpec().getReplicas() == null || source.getSpec().getReplicas() == 0 ? 1 : source.getSpec().getReplicas();
        Deployment idleSpec = idleCopy(source, op, idle, replicas);
        String idleName = op.name() + "-" + idle.id();
        if (Workloads.deployment(cluster, ns, idleName).get() == null) {
            cluster.apps().deployments().inNamespace(ns).resource(idleSpec).create();
        } else {
            Workloads.deployment(cluster, ns, idleName).edit(existing -> {
                existing.getSpec().setReplicas(replicas);
                existing.getSpec().setTemplate(idleSpec.getSpec().getTemplate());
                return existing;
            });
        }
        return new Applied("applied: Deployment " + ns + "/" + idleName + " (idle colour " + idle.id() + ") runs " + op.image()
                + " with " + replicas + " replicas; " + describeLive(ns, op.name(), live) + " serves until the switch",
                RolloutFacts.colours(ns, op.name(), live, idle));
    }

    /** The name of the idle colour's Deployment, from the facts the first blue-green step learnt. */
    static String idleDeployment(RolloutFacts facts, String namespace, String workload) {
        return workload + "-" + idleColour(facts, namespace, workload).id();
    }

    static String checkIdleColourReady(KubernetesClient cluster, String namespace, String workload, RolloutFacts facts) {
        return Workloads.requirePodsReady(cluster, namespace, idleDeployment(facts, namespace, workload));
    }

    static Applied switchTraffic(KubernetesClient cluster, String namespace, String workload, RolloutFacts facts) {
        Color idle = idleColour(facts, namespace, workload);
        service(cluster, namespace, workload);
        cluster.services().inNamespace(namespace).withName(workload).edit(s -> {
            s.getSpec().getSelector().put(COLOR_LABEL, idle.id());
            return s;
        });
        return new Applied("applied: Service " + namespace + "/" + workload + " now selects color=" + idle.id(),
                RolloutFacts.switchedTo(namespace, workload, true));
    }

    /** After the stabilisation wait: the new colour's pods are still Ready and the Service still has endpoints. */
    static String checkStable(KubernetesClient cluster, String namespace, String workload, RolloutFacts facts) {
        String pods = Workloads.requirePodsReady(cluster, namespace, idleDeployment(facts, namespace, workload));
        if (!ClusterOperations.hasAddresses(cluster.endpoints().inNamespace(namespace).withName(workload).get())) {
            throw new IllegalStateException("Service " + namespace + "/" + workload + " has no endpoints after the switch");
        }
        return "stable: " + pods.substring("healthy: ".length()) + ", and Service " + namespace + "/" + workload + " has endpoints";
    }

    static String scaleDownOldColour(KubernetesClient cluster, String namespace, String workload, RolloutFacts facts) {
        String live = facts.liveColour(namespace, workload).orElseThrow(() -> unknownColours(namespace, workload));
        return Workloads.scale(cluster, namespace, deploymentOf(workload, live), 0);
    }

    static Applied switchTrafficBack(KubernetesClient cluster, String namespace, String workload, RolloutFacts facts) {
        if (!facts.switched(namespace, workload)) {
            return Applied.line("nothing to switch back: Service " + namespace + "/" + workload + " never left the colour live before");
        }
        String live = facts.liveColour(namespace, workload).orElseThrow(() -> unknownColours(namespace, workload));
        cluster.services().inNamespace(namespace).withName(workload).edit(s -> {
            if (RolloutFacts.NO_COLOUR.equals(live)) {
                s.getSpec().getSelector().remove(COLOR_LABEL);
            } else {
                s.getSpec().getSelector().put(COLOR_LABEL, live);
            }
            return s;
        });
        return new Applied("applied: Service " + namespace + "/" + workload + " switched back to " + describeLive(namespace, workload, live),
                RolloutFacts.switchedTo(namespace, workload, false));
    }

    static String scaleDownIdleColour(KubernetesClient cluster, String namespace, String workload, RolloutFacts facts) {
        if (facts.idleColour(namespace, workload).isEmpty()) {
            return "nothing to scale down: no idle colour of " + namespace + "/" + workload + " was deployed";
        }
        return Workloads.scale(cluster, namespace, idleDeployment(facts, namespace, workload), 0);
    }

    private static Service service(KubernetesClient cluster, String namespace, String workload) {
        Service service = cluster.services().inNamespace(namespace).withName(workload).get();
        if (service == null || service.getSpec().getSelector() == null || service.getSpec().getSelector().isEmpty()) {
            throw new IllegalStateException("Service " + namespace + "/" + workload + (service == null ? " not found" : " selects no pods")
                    + ": blue-green switches traffic through its selector");
        }
        return service;
    }

    private static String liveColourOf(Service service) {
        String colour = service.getSpec().getSelector().get(COLOR_LABEL);
        return colour == null || Color.fromId(colour) == null ? RolloutFacts.NO_COLOUR : colour;
    }

    private static String deploymentOf(String workload, String colour) {
        return RolloutFacts.NO_COLOUR.equals(colour) ? workload : workload + "-" + colour;
    }

    private static String describeLive(String namespace, String workload, String live) {
        return RolloutFacts.NO_COLOUR.equals(live) ? "Deployment " + namespace + "/" + workload + " (no colour)" : "colour " + live;
    }

    private static Color idleColour(RolloutFacts facts, String namespace, String workload) {
        return facts.idleColour(namespace, workload).orElseThrow(() -> unknownColours(namespace, workload));
    }

    private static IllegalStateException unknownColours(String namespace, String workload) {
        return new IllegalStateException("The colours of " + namespace + "/" + workload + " are unknown: the step that deploys"
                + " the idle colour has not run");
    }

    /** The live Deployment's spec under the idle colour's name and labels, with the new image. */
    private static Deployment idleCopy(Deployment source, DeployIdleColour op, Color idle, int replicas) {
        Deployment copy = new DeploymentBuilder(source).withStatus(null).build();
        Map<String, String> labels = new HashMap<>(source.getMetadata().getLabels() == null ? Map.of() : source.getMetadata().getLabels());
        labels.put(COLOR_LABEL, idle.id());
        copy.setMetadata(new ObjectMetaBuilder().withName(op.name() + "-" + idle.id()).withNamespace(op.namespace())
                .withLabels(labels).build());
        copy.getSpec().setReplicas(replicas);
        copy.getSpec().getSelector().setMatchLabels(withColour(copy.getSpec().getSelector().getMatchLabels(), idle));
        copy.getSpec().getTemplate().getMetadata().setLabels(withColour(copy.getSpec().getTemplate().getMetadata().getLabels(), idle));
        ClusterOperations.containerNamed(copy.getSpec().getTemplate().getSpec(), "Deployment " + op.namespace() + "/" + source.getMetadata().getName(),
                op.container()).setImage(op.image());
        return copy;
    }

    private static Map<String, String> withColour(Map<String, String> labels, Color colour) {
        Map<String, String> coloured = new HashMap<>(labels == null ? Map.of() : labels);
        coloured.put(COLOR_LABEL, colour.id());
        return coloured;
    }
}
