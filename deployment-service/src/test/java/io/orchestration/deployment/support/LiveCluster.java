package io.orchestration.deployment.support;

import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.orchestration.testing.MockClusterKubeconfig;

import java.util.Map;

/** A live environment's cluster on fabric8's mock API server, as the live rollout tests set it up and read it. */
public final class LiveCluster {

    /** The Secret (in the portal's namespace) with the kubeconfig of the mock cluster. */
    public static final String CREDENTIALS = "cluster-credentials";

    private LiveCluster() {
    }

    /** Puts the mock cluster's kubeconfig where the portal reads an environment's credentials from. */
    public static void credentialsAreInThePortalsNamespace(KubernetesClient cluster) {
        cluster.secrets().resource(new SecretBuilder().withNewMetadata().withName(CREDENTIALS).endMetadata()
                .withData(Map.of("kubeconfig", MockClusterKubeconfig.secretValueFor(cluster.getMasterUrl().toString())))
                .build()).createOr(existing -> existing.update());
    }

    /**
     * The environment's namespace with besu-rpc (a Deployment of 2 replicas, pods labelled track=stable, behind the Service
     * besu-rpc with an endpoint) and besu-validator (a StatefulSet of 3), all at {@code version}. The test's
     * {@code ClusterController} gives them their pods.
     */
    public static void chainRunsVersion(KubernetesClient cluster, String namespace, String version) {
        String image = "hyperledger/besu:" + version;
        cluster.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName("besu-rpc").withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "besu-rpc").addToMatchLabels("track", "stable").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "besu-rpc").addToLabels("track", "stable").endMetadata()
                .withNewSpec().addNewContainer().withName("besu").withImage(image).endContainer().endSpec().endTemplate()
                .endSpec().build()).create();
        cluster.apps().statefulSets().inNamespace(namespace).resource(new StatefulSetBuilder()
                .withNewMetadata().withName("besu-validator").withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(3).withServiceName("besu-validator").withNewSelector().addToMatchLabels("app", "besu-validator").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "besu-validator").endMetadata()
                .withNewSpec().addNewContainer().withName("besu").withImage(image).endContainer().endSpec().endTemplate()
                .endSpec().build()).create();
        cluster.services().inNamespace(namespace).resource(new ServiceBuilder()
                .withNewMetadata().withName("besu-rpc").withNamespace(namespace).endMetadata()
                .withNewSpec().addToSelector("app", "besu-rpc").addNewPort().withPort(8545).endPort().endSpec()
                .build()).create();
        cluster.endpoints().inNamespace(namespace).resource(new EndpointsBuilder()
                .withNewMetadata().withName("besu-rpc").withNamespace(namespace).endMetadata()
                .addNewSubset().addNewAddress().withIp("10.0.0.7").endAddress().addNewPort().withPort(8545).endPort().endSubset()
                .build()).create();
    }

    /** The image of the workload's first container. */
    public static String image(KubernetesClient cluster, String kind, String namespace, String name) {
        var template = "StatefulSet".equals(kind)
                ? cluster.apps().statefulSets().inNamespace(namespace).withName(name).get().getSpec().getTemplate()
                : cluster.apps().deployments().inNamespace(namespace).withName(name).get().getSpec().getTemplate();
        return template.getSpec().getContainers().get(0).getImage();
    }

    public static int replicas(KubernetesClient cluster, String namespace, String deployment) {
        return cluster.apps().deployments().inNamespace(namespace).withName(deployment).get().getSpec().getReplicas();
    }

    public static Map<String, String> selector(KubernetesClient cluster, String namespace, String service) {
        return cluster.services().inNamespace(namespace).withName(service).get().getSpec().getSelector();
    }
}
