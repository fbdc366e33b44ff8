package io.orchestration.deployment.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.orchestration.deployment.support.LiveCluster;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Clients for environments' clusters are reused until their credentials change. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ClusterClientsTest {

    private static final Map<String, String> CLUSTER = Map.of("namespace", "chain", "credentialsSecret", LiveCluster.CREDENTIALS);

    @Inject
    KubernetesClient portal;

    @Inject
    ClusterClients clusters;

    @Test
    void theSameCredentialsGiveTheSameClientAndChangedOnesANewOne() {
        LiveCluster.credentialsAreInThePortalsNamespace(portal);
        KubernetesClient first = clusters.forCluster("env-a", CLUSTER);
        assertSame(first, clusters.forCluster("env-a", CLUSTER));
        assertEquals("chain", first.getNamespace());

        portal.secrets().withName(LiveCluster.CREDENTIALS).edit(secret -> {
            secret.getMetadata().setLabels(Map.of("rotated", "yes"));
            return secret;
        });
        KubernetesClient rotated = clusters.forCluster("env-a", CLUSTER);
        assertNotSame(first, rotated);
        assertNotSame(rotated, clusters.forCluster("env-a", Map.of("namespace", "other", "credentialsSecret", LiveCluster.CREDENTIALS)),
                "other cluster settings, another client");
    }

    @Test
    void missingCredentialsNameTheSecretThatIsMissing() {
        ClusterUnreachable missing = assertThrows(ClusterUnreachable.class,
                () -> clusters.forCluster("env-b", Map.of("credentialsSecret", "nowhere")));
        assertTrue(missing.getMessage().contains("/nowhere with key 'kubeconfig' not found: the credentials of environment 'env-b'"),
                missing.getMessage());
    }
}
