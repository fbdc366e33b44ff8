package io.orchestration.deployment.service;

import io.orchestration.deployment.domain.Color;
import io.orchestration.deployment.domain.EnvironmentNotFound;
import io.orchestration.deployment.domain.EnvironmentRef;
import io.orchestration.deployment.domain.NoRpcEndpoint;
import io.orchestration.deployment.health.ChainChecker;
import io.orchestration.deployment.health.CheckResult;
import io.orchestration.deployment.health.HealthReport;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Health-checks an environment on demand: its chain over JSON-RPC, and its workloads on Kubernetes. */
@ApplicationScoped
public class HealthCheckService {

    public static final String PODS_READY = "pods ready";
    public static final String SERVICE_ENDPOINTS = "Service endpoints present";

    private final ChainChecker chain;

    public HealthCheckService(ChainChecker chain) {
        this.chain = chain;
    }

    /** What a health check needs to know of the environment, read before the (slow) checks run outside the session. */
    public record Target(String environment, String rpcUrl, boolean dryRun) {
    }

    public Uni<HealthReport> check(String environment, Color color) {
        return targetOf(environment).chain(target -> chain.check(target.rpcUrl())
                .map(chainResults -> {
                    List<CheckResult> checks = new ArrayList<>(chainResults);
                    checks.addAll(clusterChecks(target, color));
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
                    return new Target(ref.name, rpcUrl, ref.dryRun);
                });
    }

    private static List<CheckResult> clusterChecks(Target target, Color color) {
        String suffix = color == null ? "" : " (" + color.id() + ")";
        String reason = target.dryRun()
                ? "dry run: no cluster credentials"
                : "not checked: Kubernetes checks against a live cluster are not available yet";
        return List.of(CheckResult.skipped(PODS_READY + suffix, reason), CheckResult.skipped(SERVICE_ENDPOINTS + suffix, reason));
    }
}
