package io.orchestration.deployment.service;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.orchestration.deployment.cluster.ClusterClients;
import io.orchestration.deployment.cluster.ClusterOperations;
import io.orchestration.deployment.domain.Color;
import io.orchestration.deployment.domain.EnvironmentNotFound;
import io.orchestration.deployment.domain.EnvironmentRef;
import io.orchestration.deployment.domain.NoRpcEndpoint;
import io.orchestration.deployment.health.ChainChecker;
import io.orchestration.deployment.health.CheckResult;
import io.orchestration.deployment.health.HealthReport;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Health-checks an environment on demand: its chain over JSON-RPC, and its workloads on Kubernetes. */
@ApplicationScoped
public class HealthCheckService {

    public static final String PODS_READY = "pods ready";
    public static final String SERVICE_ENDPOINTS = "Service endpoints present";

    private final ChainChecker chain;
    private final ClusterClients clusters;
    private final ClusterOperations clusterOperations;
    private final Vertx vertx;

    public HealthCheckService(ChainChecker chain, ClusterClients clusters, ClusterOperations clusterOperations, Vertx vertx) {
        this.chain = chain;
        this.clusters = clusters;
        this.clusterOperations = clusterOperations;
        this.vertx = vertx;
    }

    /** What a health check needs to know of the environment, read before the (slow) checks run outside the session. */
    public record Target(String environment, String rpcUrl, boolean dryRun, String namespace, Map<String, String> cluster) {
    }

    public Uni<HealthReport> check(String environment, Color color) {
        return targetOf(environment).chain(target -> Uni.combine().all()
                .unis(chain.check(target.rpcUrl()), clusterChecks(target, color))
                .with((chainResults, clusterResults) -> {
                    List<CheckResult> checks = new ArrayList<>(chainResults);
                    checks.addAll(clusterResults);
                    return HealthReport.of(environment, color, checks, OffsetDateTime.now(ZoneOffset.UTC));
                }));
    }

    @WithSession
    Uni<Target> targetOf(String environment) {
        return EnvironmentRef.<EnvironmentRef>findById(environment)
                .onItem().ifNull().failWith(() -> new EnvironmentNotFound(environment))
                .map(ref -> {
                    String rpcUrl = ref.endpoints == null ? null : ref.endpoints.get("besuRpc");
                    if (rpcUrl == null || rpcUrl.isBlank()) {
                        throw new NoRpcEndpoint(environment);
                    }
                    return new Target(ref.name, rpcUrl, ref.dryRun, ref.namespace == null ? "default" : ref.namespace,
                            ref.cluster == null ? Map.of() : ref.cluster);
                });
    }

    /**
     * Pods Ready (only those of one colour, labelled color=..., when asked) and Services with endpoints, in the
     * environment's namespace on its cluster; skipped for a dry-run environment, which has no credentials.
     */
    private Uni<List<CheckResult>> clusterChecks(Target target, Color color) {
        String suffix = color == null ? "" : " (" + color.id() + ")";
        if (target.dryRun()) {
            String reason = "dry run: no cluster credentials";
            return Uni.createFrom().item(List.of(CheckResult.skipped(PODS_READY + suffix, reason), CheckResult.skipped(SERVICE_ENDPOINTS + suffix, reason)));
        }
        Map<String, String> pods = color == null ? Map.of() : Map.of("color", color.id());
        return Uni.createFrom().completionStage(() -> vertx.executeBlocking(() -> {
            try {
                KubernetesClient cluster = clusters.forCluster(target.environment(), target.cluster());
                return List.of(
                        checked(PODS_READY + suffix, () -> clusterOperations.checkPodsReady(cluster, target.namespace(), pods)),
                        checked(SERVICE_ENDPOINTS + suffix, () -> clusterOperations.checkServiceEndpoints(cluster, target.namespace())));
            } catch (RuntimeException unreachable) {
                String reason = "the cluster could not be reached: " + unreachable.getMessage();
                return List.of(CheckResult.failed(PODS_READY + suffix, reason), CheckResult.failed(SERVICE_ENDPOINTS + suffix, reason));
            }
        }, false).toCompletionStage());
    }

    private static CheckResult checked(String name, Supplier<String> check) {
        try {
            return CheckResult.passed(name, check.get());
        } catch (IllegalStateException failed) {
            return CheckResult.failed(name, failed.getMessage());
        }
    }
}
