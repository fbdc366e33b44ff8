package io.orchestration.deployment.cluster;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Kubernetes clients for environments' clusters. An environment's credentials are a kubeconfig in the Secret its
 * cluster names (key {@code kubeconfig}), in the portal's own namespace, read with the portal's own client.
 * Blocking: call from a worker thread.
 */
@ApplicationScoped
public class ClusterClients {

    static final String KUBECONFIG_KEY = "kubeconfig";

    private final KubernetesClient portal;

    public ClusterClients(KubernetesClient portal) {
        this.portal = portal;
    }

    /** A new client for the cluster (the caller closes it); fails clearly when the credentials are missing. */
    public KubernetesClient forCluster(String environment, Map<String, String> cluster) {
        String secretName = cluster == null ? null : cluster.get("credentialsSecret");
        if (secretName == null) {
            throw new ClusterUnreachable("Environment '" + environment + "' names no credentialsSecret for its cluster");
        }
        Secret secret = portal.secrets().withName(secretName).get();
        String encoded = secret == null || secret.getData() == null ? null : secret.getData().get(KUBECONFIG_KEY);
        if (encoded == null) {
            throw new ClusterUnreachable("Secret " + portal.getNamespace() + "/" + secretName + " with key '" + KUBECONFIG_KEY
                    + "' not found: the credentials of environment '" + environment + "'");
        }
        String kubeconfig = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        Config config = Config.fromKubeconfig(cluster.get("context"), kubeconfig, null);
        if (cluster.get("namespace") != null) {
            config.setNamespace(cluster.get("namespace"));
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
