package io.orchestration.monitoring.collector;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.orchestration.monitoring.config.MonitoringConfig;
import io.orchestration.monitoring.domain.Reading;
import io.orchestration.monitoring.domain.ServiceType;
import io.orchestration.monitoring.domain.Target;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * An environment's Kubernetes cluster through the fabric8 client: nodes and pods (in the
 * environment's namespace) ready and not ready, uptime (since the longest-ready node became ready),
 * and CPU and memory utilisation from metrics.k8s.io where the cluster serves it. The cluster's
 * kubeconfig is the Secret its catalogue entry names ({@code cluster.credentialsSecret}, key
 * {@code kubeconfig}) in the portal's namespace; without one the reading says so instead of zeros.
 */
@ApplicationScoped
public class ClusterCollector implements Collector {

    private final KubernetesClient portal;
    private final Duration timeout;

    public ClusterCollector(KubernetesClient portal, MonitoringConfig config) {
        this.portal = portal;
        this.timeout = config.collection().timeout();
    }

    @Override
    public ServiceType type() {
        return ServiceType.CLUSTER;
    }

    @Override
    public Uni<Reading> collect(Target target) {
        if (target.endpoint("credentialsSecret") == null) {
            return Uni.createFrom().item(Reading.notConfigured(target, OffsetDateTime.now(ZoneOffset.UTC),
                    "no cluster credentials: the catalogue names no cluster.credentialsSecret"));
        }
        return Collector.guarded(target, at -> Uni.createFrom().item(() -> read(target, at))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(timeout.multipliedBy(2)).failWith(() -> new TimeoutException("the cluster did not answer within "
                        + timeout.multipliedBy(2).toMillis() + " ms")));
    }

    private Reading read(Target target, OffsetDateTime at) {
        try (KubernetesClient cluster = clientFor(target)) {
            Reading.Builder reading = new Reading.Builder(target, at);
            List<Node> nodes = cluster.nodes().list().getItems();
            Instant readySince = null;
            int ready = 0;
            for (Node node : nodes) {
                NodeCondition condition = condition(node);
                if (condition != null && "True".equals(condition.getStatus())) {
                    ready++;
                    Instant since = condition.getLastTransitionTime() == null ? null : Instant.parse(condition.getLastTransitionTime());
                    if (since != null && (readySince == null || since.isBefore(readySince))) {
                        readySince = since;
                    }
                }
            }
            reading.value("nodes", nodes.size()).value("nodesReady", ready).value("nodesNotReady", nodes.size() - ready);
            if (readySince != null) {
                reading.value("uptimeSeconds", Math.max(0, Duration.between(readySince, at.toInstant()).toSeconds()));
            }
            String namespace = target.endpoint("namespace");
            List<Pod> pods = namespace == null ? cluster.pods().inAnyNamespace().list().getItems()
                    : cluster.pods().inNamespace(namespace).list().getItems();
            long podsReady = pods.stream().filter(ClusterCollector::isReady).count();
            reading.value("pods", pods.size()).value("podsReady", podsReady).value("podsNotReady", pods.size() - podsReady);
            utilisation(cluster, nodes, reading);
            return reading.up();
        }
    }

    private static void utilisation(KubernetesClient cluster, List<Node> nodes, Reading.Builder reading) {
        List<NodeMetrics> usage;
        try {
            usage = cluster.top().nodes().metrics().getItems();
        } catch (KubernetesClientException e) {
            reading.fact("utilisation", "metrics.k8s.io is not served by this cluster (HTTP " + e.getCode() + ")");
            return;
        }
        if (usage.isEmpty()) {
            reading.fact("utilisation", "metrics.k8s.io answered no node metrics");
            return;
        }
        BigDecimal cpuUsed = BigDecimal.ZERO;
        BigDecimal memoryUsed = BigDecimal.ZERO;
        for (NodeMetrics metrics : usage) {
            cpuUsed = cpuUsed.add(amount(metrics.getUsage(), "cpu"));
            memoryUsed = memoryUsed.add(amount(metrics.getUsage(), "memory"));
        }
        BigDecimal cpuAllocatable = BigDecimal.ZERO;
        BigDecimal memoryAllocatable = BigDecimal.ZERO;
        for (Node node : nodes) {
            Map<String, Quantity> allocatable = node.getStatus() == null ? null : node.getStatus().getAllocatable();
            cpuAllocatable = cpuAllocatable.add(amount(allocatable, "cpu"));
            memoryAllocatable = memoryAllocatable.add(amount(allocatable, "memory"));
        }
        reading.value("cpuCoresUsed", cpuUsed).value("memoryBytesUsed", memoryUsed);
        if (cpuAllocatable.signum() > 0) {
            reading.value("cpuUtilisation", cpuUsed.doubleValue() / cpuAllocatable.doubleValue());
        }
        if (memoryAllocatable.signum() > 0) {
            reading.value("memoryUtilisation", memoryUsed.doubleValue() / memoryAllocatable.doubleValue());
        }
    }

    private KubernetesClient clientFor(Target target) {
        String secretName = target.endpoint("credentialsSecret");
        Secret secret = portal.secrets().withName(secretName).get();
        String encoded = secret == null || secret.getData() == null ? null : secret.getData().get("kubeconfig");
        if (encoded == null) {
            throw new TargetMisbehaves("Secret " + portal.getNamespace() + "/" + secretName + " has no key 'kubeconfig'");
        }
        Config config = Config.fromKubeconfig(target.endpoint("context"), new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8), null);
        config.setRequestTimeout((int) timeout.toMillis());
        config.setConnectionTimeout((int) timeout.toMillis());
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private static NodeCondition condition(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return null;
        }
        return node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
    }

    private static boolean isReady(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition condition : pod.getStatus().getConditions()) {
            if ("Ready".equals(condition.getType())) {
                return "True".equals(condition.getStatus());
            }
        }
        return false;
    }

    private static BigDecimal amount(Map<String, Quantity> quantities, String resource) {
        Quantity quantity = quantities == null ? null : quantities.get(resource);
        return quantity == null ? BigDecimal.ZERO : quantity.getNumericalAmount();
    }
}
