package io.orchestration.deployment.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.orchestration.deployment.strategy.Operation.CreateCanary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Canary with Istio: the canary is a Deployment {@code <workload>-canary} whose pods carry {@code track=canary}
 * beside the stable pods ({@code track=stable}); a DestinationRule names the two subsets and the workload's
 * VirtualService splits its traffic between them by weight. Blocking.
 */
final class CanaryOperations {

    static final String TRACK_LABEL = "track";

    private static final ResourceDefinitionContext VIRTUAL_SERVICE = istio("VirtualService", "virtualservices");
    private static final ResourceDefinitionContext DESTINATION_RULE = istio("DestinationRule", "destinationrules");

    private CanaryOperations() {
    }

    static String createCanary(KubernetesClient cluster, CreateCanary op) {
        String ns = op.namespace();
        Deployment stable = Workloads.required(cluster, ns, op.name(), "the canary copies its spec");
        Map<String, String> podLabels = stable.getSpec().getTemplate().getMetadata().getLabels();
        if (podLabels == null || !"stable".equals(podLabels.get(TRACK_LABEL))) {
            throw new IllegalStateException("The pods of Deployment " + ns + "/" + op.name() + " carry no label track=stable:"
                    + " Istio's stable subset would select none of them. Label its pod template (and selector) track: stable first");
        }
        String name = canaryName(op.name());
        Deployment canary = new DeploymentBuilder(stable).withStatus(null).build();
        canary.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns)
                .withLabels(onTrack(stable.getMetadata().getLabels(), "canary")).build());
        canary.getSpec().setReplicas(1);
        canary.getSpec().getSelector().setMatchLabels(onTrack(stable.getSpec().getSelector().getMatchLabels(), "canary"));
        canary.getSpec().getTemplate().getMetadata().setLabels(onTrack(podLabels, "canary"));
        ClusterOperations.containerNamed(canary.getSpec().getTemplate().getSpec(), "Deployment " + ns + "/" + op.name(), op.container())
                .setImage(op.image());
        if (Workloads.deployment(cluster, ns, name).get() != null) {
            // Left by a rollout that stopped before removing it: this rollout's canary replaces it.
            Workloads.deployment(cluster, ns, name).delete();
        }
        cluster.apps().deployments().inNamespace(ns).resource(canary).create();
        return "applied: Deployment " + ns + "/" + name + " created with 1 replica of " + op.image() + ", pods labelled track=canary";
    }

    static String applySubsets(KubernetesClient cluster, String namespace, String workload) {
        GenericKubernetesResource rule = new GenericKubernetesResourceBuilder()
                .withApiVersion("networking.istio.io/v1").withKind("DestinationRule")
                .withMetadata(new ObjectMetaBuilder().withName(workload).withNamespace(namespace).build())
                .addToAdditionalProperties("spec", Map.of("host", workload, "subsets", List.of(
                        Map.of("name", "stable", "labels", Map.of(TRACK_LABEL, "stable")),
                        Map.of("name", "canary", "labels", Map.of(TRACK_LABEL, "canary")))))
                .build();
        var rules = cluster.genericKubernetesResources(DESTINATION_RULE).inNamespace(namespace);
        if (rules.withName(workload).get() == null) {
            rules.resource(rule).create();
        } else {
            rules.withName(workload).edit(existing -> {
                existing.setAdditionalProperty("spec", rule.getAdditionalProperties().get("spec"));
                return existing;
            });
        }
        return "applied: DestinationRule " + namespace + "/" + workload + " with subsets stable (track=stable) and canary (track=canary)";
    }

    /**
     * Routes {@code weight}% of the workload's traffic to the canary subset. An existing VirtualService keeps its hosts,
     * gateways and matches; only the routes to the workload's host are replaced. Without one, one is created.
     */
    static String setWeight(KubernetesClient cluster, String namespace, String workload, int weight) {
        List<Map<String, Object>> route = List.of(
                destination(workload, "stable", 100 - weight),
                destination(workload, "canary", weight));
        var services = cluster.genericKubernetesResources(VIRTUAL_SERVICE).inNamespace(namespace);
        if (services.withName(workload).get() == null) {
            if (weight == 0) {
                return "nothing to route back: VirtualService " + namespace + "/" + workload + " does not exist";
            }
            services.resource(new GenericKubernetesResourceBuilder()
                    .withApiVersion("networking.istio.io/v1").withKind("VirtualService")
                    .withMetadata(new ObjectMetaBuilder().withName(workload).withNamespace(namespace).build())
                    .addToAdditionalProperties("spec", Map.of("hosts", List.of(workload), "http", List.of(Map.of("route", route))))
                    .build()).create();
        } else {
            services.withName(workload).edit(existing -> withRoute(existing, workload, route));
        }
        return "applied: VirtualService " + namespace + "/" + workload + " route weights stable " + (100 - weight) + ", canary " + weight;
    }

    static String deleteCanary(KubernetesClient cluster, String namespace, String workload) {
        String name = canaryName(workload);
        if (Workloads.deployment(cluster, namespace, name).get() == null) {
            return "nothing to delete: Deployment " + namespace + "/" + name + " does not exist";
        }
        Workloads.deployment(cluster, namespace, name).delete();
        return "applied: Deployment " + namespace + "/" + name + " deleted";
    }

    static String canaryName(String workload) {
        return workload + "-canary";
    }

    @SuppressWarnings("unchecked")
    private static GenericKubernetesResource withRoute(GenericKubernetesResource service, String host, List<Map<String, Object>> route) {
        Map<String, Object> spec = new HashMap<>((Map<String, Object>) service.getAdditionalProperties().getOrDefault("spec", Map.of()));
        List<Map<String, Object>> http = new ArrayList<>();
        boolean replaced = false;
        for (Object entry : (List<Object>) spec.getOrDefault("http", List.of())) {
            Map<String, Object> rule = new HashMap<>((Map<String, Object>) entry);
            if (routesTo(rule, host)) {
                rule.put("route", route);
                replaced = true;
            }
            http.add(rule);
        }
        if (!replaced) {
            http.add(Map.of("route", route));
        }
        spec.put("http", http);
        service.setAdditionalProperty("spec", spec);
        return service;
    }

    private static boolean routesTo(Map<String, Object> rule, String host) {
        Object route = rule.get("route");
        return route instanceof List<?> destinations && destinations.stream().anyMatch(d -> d instanceof Map<?, ?> m
                && m.get("destination") instanceof Map<?, ?> destination && host.equals(destination.get("host")));
    }

    private static Map<String, Object> destination(String host, String subset, int weight) {
        return Map.of("destination", Map.of("host", host, "subset", subset), "weight", weight);
    }

    private static Map<String, String> onTrack(Map<String, String> labels, String track) {
        Map<String, String> tracked = new HashMap<>(labels == null ? Map.of() : labels);
        tracked.put(TRACK_LABEL, track);
        return tracked;
    }

    private static ResourceDefinitionContext istio(String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup("networking.istio.io").withVersion("v1")
                .withKind(kind).withPlural(plural).withNamespaced(true).build();
    }
}
