package io.orchestration.deployment.cluster;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kubernetes clients for environments' clusters. An environment's credentials are a kubeconfig in the Secret its
 * cluster names (key {@code kubeconfig}), in the portal's own namespace, read with the portal's own client. A client
 * is kept per environment and reused while the Secret (its resourceVersion) and the cluster settings stay the same;
 * changed credentials get a new one. Blocking: call from a worker thread.
 */
@ApplicationScoped
public class ClusterClients {

    static final String KUBECONFIG_KEY = "kubeconfig";

    private final KubernetesClient portal;
    private final Map<String, Cached> clients = new ConcurrentHashMap<>();

    /** A client and what it was built from. */
    private record Cached(String source, KubernetesClient client) {
    }

    public ClusterClients(KubernetesClient portal) {
        this.portal = portal;
    }

    @PreDestroy
    void closeAll() {
        clients.values().forEach(cached -> cached.client().close());
        clients.clear();
    }

    /** The environment's client, shared (callers do not close it); fails clearly when the credentials are missing. */
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
        String source = secretName + "@" + secret.getMetadata().getResourceVersion() + " " + new TreeMap<>(cluster);
        Cached cached = clients.compute(environment, (name, current) -> {
            if (current != null && current.source().equals(source)) {
                return current;
            }
            if (current != null) {
                current.client().close();
            }
            return new Cached(source, build(encoded, cluster));
        });
        return cached.client();
    }

    private static KubernetesClient build(String encodedKubeconfig, Map<String, String> cluster) {
        String kubeconfig = new String(Base64.getDecoder().decode(encodedKubeconfig), StandardCharsets.UTF_8);
        Config config = Config.fromKubeconfig(cluster.get("context"), kubeconfig, null);
        if (cluster.get("namespace") != null) {
            config.setNamespace(cluster.get("namespace"));
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
