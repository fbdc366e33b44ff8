package io.orchestration.deployment.repository;

import io.orchestration.deployment.domain.Deployment;
import io.orchestration.deployment.domain.DeploymentLog;
import io.orchestration.deployment.domain.DeploymentStatus;
import io.orchestration.deployment.domain.Strategy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class DeploymentRepository implements PanacheRepositoryBase<Deployment, UUID> {

    /** Filters an operator can combine on the deployment list; null means "any". */
    public record Filter(String environment, DeploymentStatus status, Strategy strategy, String version,
                         OffsetDateTime from, OffsetDateTime to) {
    }

    public Uni<List<Deployment>> findMatching(Filter filter, int page, int size) {
        Parameters params = new Parameters();
        String where = where(filter, params);
        Sort newestFirst = Sort.descending("createdAt").and("id");
        return (where.isEmpty() ? findAll(newestFirst) : find(where, newestFirst, params)).page(Page.of(page, size)).list();
    }

    public Uni<Long> countMatching(Filter filter) {
        Parameters params = new Parameters();
        return count(where(filter, params), params);
    }

    public Uni<Deployment> findActive(String environment) {
        return find("environment = ?1 and status in ?2", environment, List.copyOf(DeploymentStatus.ACTIVE)).firstResult();
    }

    public Uni<Deployment> findLatest(String environment) {
        return find("environment", Sort.descending("createdAt"), environment).firstResult();
    }

    /** The version that last completed on {@code environment} before {@code before}, if any. */
    public Uni<Deployment> findLastCompletedBefore(String environment, OffsetDateTime before) {
        return find("environment = ?1 and status = ?2 and createdAt < ?3", Sort.descending("createdAt"),
                environment, DeploymentStatus.COMPLETED, before).firstResult();
    }

    public Uni<Deployment> findByIdempotencyKey(String requestedBy, String key) {
        return find("requestedBy = ?1 and idempotencyKey = ?2", requestedBy, key).firstResult();
    }

    /**
     * Claims one deployment: the oldest queued one that is due, or one whose driver lost its
     * lease (crashed or hung). SKIP LOCKED lets replicas claim different ones at the same time.
     */
    public Uni<Optional<Deployment>> claimNext() {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "select * from deployment where (status = 'queued' and (scheduled_for is null or scheduled_for <= now()))"
                                + " or (status = 'deploying' and lease_expires_at < now())"
                                + " order by created_at limit 1 for update skip locked", Deployment.class)
                .getResultList())
                .map(found -> found.stream().findFirst());
    }

    public Uni<List<DeploymentLog>> logsOf(UUID deployment, long afterId, int size) {
        return DeploymentLog.find("deploymentId = ?1 and id > ?2", Sort.ascending("id"), deployment, afterId)
                .page(Page.ofSize(size)).list();
    }

    private static String where(Filter filter, Parameters params) {
        List<String> clauses = new ArrayList<>();
        if (filter.environment() != null) {
            clauses.add("environment = :environment");
            params.and("environment", filter.environment());
        }
        if (filter.status() != null) {
            clauses.add("status = :status");
            params.and("status", filter.status());
        }
        if (filter.strategy() != null) {
            clauses.add("strategy = :strategy");
            params.and("strategy", filter.strategy());
        }
        if (filter.version() != null) {
            clauses.add("version = :version");
            params.and("version", filter.version());
        }
        if (filter.from() != null) {
            clauses.add("createdAt >= :from");
            params.and("from", filter.from());
        }
        if (filter.to() != null) {
            clauses.add("createdAt < :to");
            params.and("to", filter.to());
        }
        return String.join(" and ", clauses);
    }
}
