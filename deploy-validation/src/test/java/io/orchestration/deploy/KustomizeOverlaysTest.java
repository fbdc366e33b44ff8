package io.orchestration.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both overlays render with kubectl kustomize and keep the portal's rules; a copy broken on purpose is caught. */
class KustomizeOverlaysTest {

    static final ManifestRules.Expectations DEV = new ManifestRules.Expectations(1, 1, 1, Set.of());
    static final ManifestRules.Expectations PROD = new ManifestRules.Expectations(2, 3, 3,
            Set.of("portal-db-credentials", "portal-jwt-public", "portal-jwt-signing", "portal-admin-bootstrap"));

    @Test
    void devOverlayRendersAndKeepsEveryRule() {
        Manifests dev = Manifests.parse(Kustomize.copyOfDeployTree().render("dev"));
        assertEquals(List.of(), ManifestRules.violations(dev, DEV));
        assertEquals(7, dev.ofType(Deployment.class).size());
        assertTrue(dev.all().stream().allMatch(object -> "portal-dev".equals(object.getMetadata().getNamespace())),
                "every object lands in the dev namespace");
    }

    @Test
    void prodOverlayRendersAndKeepsEveryRule() {
        Manifests prod = Manifests.parse(Kustomize.copyOfDeployTree().render("prod"));
        assertEquals(List.of(), ManifestRules.violations(prod, PROD));
        assertTrue(prod.ofType(Deployment.class).stream()
                        .allMatch(deployment -> deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()
                                .startsWith("registry.example.com/orchestration-portal/")),
                "prod runs the images of the release registry");
    }

    @Test
    void devOverlayFallsShortOfProductionReplicas() {
        List<String> violations = ManifestRules.violations(Manifests.parse(Kustomize.copyOfDeployTree().render("dev")), PROD);
        assertHas(violations, "Deployment gateway has 1 replicas, fewer than 2");
        assertHas(violations, "Kafka portal-kafka has 1 brokers in its node pools, expected 3");
        assertHas(violations, "Cluster portal-db has 1 instances, expected 3");
        assertHas(violations, "Secret portal-jwt-signing is committed in the overlay");
    }

    @Test
    void aProbeOnTheWrongPathIsCaught() {
        assertHas(brokenDev("base/services/gateway.yaml", "path: /q/health/ready", "path: /q/health"),
                "gateway's readiness probe asks /q/health");
    }

    @Test
    void aMisspelledFieldIsCaught() {
        assertHas(brokenDev("base/services/alert-service.yaml", "readinessProbe:", "readinesProbe:"),
                "unknown field Deployment/alert-service.spec.template.spec.containers[0].readinesProbe");
    }

    @Test
    void aServiceOpenedToTheOutsideIsCaught() {
        assertHas(brokenDev("base/services/cost-service.yaml", "type: ClusterIP", "type: NodePort"),
                "Service cost-service is exposed as NodePort");
    }

    @Test
    void aNetworkPolicyAdmittingEveryoneIsCaught() {
        assertHas(brokenDev("base/network-policies.yaml", "name: monitoring-service-ingress", """
                name: monitoring-service-open
                spec:
                  podSelector:
                    matchLabels:
                      app.kubernetes.io/name: monitoring-service
                  ingress:
                    - {}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: monitoring-service-ingress"""), "monitoring-service admits every source");
    }

    @Test
    void aSecretThatIsNowhereIsCaught() {
        assertHas(brokenDev("base/services/deployment-service.yaml", "name: portal-db-credentials", "name: portal-db-credential"),
                "Deployment deployment-service needs Secret portal-db-credential");
    }

    @Test
    void anEnvironmentVariableNoServiceReadsIsCaught() {
        assertHas(brokenDev("base/services/cost-service.yaml", "- name: KAFKA_BOOTSTRAP_SERVERS", "- name: KAFKA_BOOTSTRAP_SERVER"),
                "cost-service sets KAFKA_BOOTSTRAP_SERVER, which is no configuration key of the service");
    }

    @Test
    void aTopicThatLostCompactionIsCaught() {
        assertHas(brokenDev("base/kafka-topics.yaml", "cleanup.policy: compact", "retention.ms: \"1000\""),
                "KafkaTopic environment-events is not compacted");
    }

    @Test
    void aCatalogueCopyThatDriftedIsCaught() {
        assertHas(brokenDev("base/catalogue/environments.yaml", "environments:", "# edited only here\nenvironments:"),
                "ConfigMap environment-catalogue is not config/environments.yaml");
    }

    @Test
    void anOverlayThatCannotRenderFailsWithKubectlsMessage() {
        Kustomize tree = Kustomize.copyOfDeployTree().replace("base/kustomization.yaml", "- rbac.yaml", "- rbac-missing.yaml");
        AssertionError failure = assertThrows(AssertionError.class, () -> tree.render("dev"));
        assertTrue(failure.getMessage().contains("rbac-missing.yaml"), failure.getMessage());
    }

    @Test
    void everyRenderedObjectIsParsedByTheModel() {
        Manifests dev = Manifests.parse(Kustomize.copyOfDeployTree().render("dev"));
        List<String> kinds = dev.all().stream().map(HasMetadata::getKind).distinct().sorted().toList();
        assertEquals(List.of("ConfigMap", "Database", "Deployment", "Gateway", "HorizontalPodAutoscaler", "Kafka", "KafkaNodePool",
                "KafkaTopic", "Cluster", "NetworkPolicy", "PodDisruptionBudget", "Role", "RoleBinding", "Secret", "Service",
                "ServiceAccount", "ServiceMonitor", "VirtualService").stream().sorted().toList(), kinds);
    }

    private static List<String> brokenDev(String file, String from, String to) {
        return ManifestRules.violations(Manifests.parse(Kustomize.copyOfDeployTree().replace(file, from, to).render("dev")), DEV);
    }

    static void assertHas(List<String> violations, String expected) {
        assertTrue(violations.stream().anyMatch(violation -> violation.contains(expected)),
                "expected a violation containing '" + expected + "', got " + violations);
    }
}
