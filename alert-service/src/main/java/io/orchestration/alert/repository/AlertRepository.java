package io.orchestration.alert.repository;

import io.orchestration.alert.domain.Alert;
import io.orchestration.alert.domain.AlertStatus;
import io.orchestration.alert.domain.Severity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AlertRepository implements PanacheRepositoryBase<Alert, UUID> {

    /** Filters an operator can combine on the alert list; null (or false) means "any". */
    public record Filter(String environment, Severity severity, AlertStatus status, boolean unacknowledgedOnly, String source) {
    }

    public Uni<List<Alert>> findMatching(Filter filter, int page, int size) {
        Parameters params = new Parameters();
        String where = where(filter, params);
        Sort latestFirst = Sort.descending("lastSeen").and("id");
        return (where.isEmpty() ? findAll(latestFirst) : find(where, latestFirst, params)).page(Page.of(page, size)).list();
    }

    public Uni<Long> countMatching(Filter filter) {
        Parameters params = new Parameters();
        return count(where(filter, params), params);
    }

    public Uni<Alert> findByFingerprint(String fingerprint) {
        return find("fingerprint", fingerprint).firstResult();
    }

    /** Firing alerts of one environment, source and name, whatever their labels. */
    public Uni<List<Alert>> findFiring(String environment, String source, String name) {
        return list("environment = ?1 and source = ?2 and name = ?3 and status = ?4",
                environment, source, name, AlertStatus.FIRING);
    }

    /**
     * Serialises changes to one fingerprint until this transaction ends, so two signals of the same
     * alert arriving together count twice on one row instead of racing to insert two.
     */
    public Uni<Void> lockFingerprint(String fingerprint) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:fingerprint, 0))")
                        .setParameter("fingerprint", fingerprint)
                        .getSingleResult())
                .replaceWithVoid();
    }

    private static String where(Filter filter, Parameters params) {
        List<String> clauses = new ArrayList<>();
        if (filter.environment() != null) {
            clauses.add("environment = :environment");
            params.and("environment", filter.environment());
        }
        if (filter.severity() != null) {
            clauses.add("severity = :severity");
            params.and("severity", filter.severity());
        }
        if (filter.status() != null) {
            clauses.add("status = :status");
            params.and("status", filter.status());
        }
        if (filter.unacknowledgedOnly()) {
            clauses.add("acknowledgedBy is null");
        }
        if (filter.source() != null) {
            clauses.add("source = :source");
            params.and("source", filter.source());
        }
        return String.join(" and ", clauses);
    }
}
