package io.orchestration.environment.repository;

import io.orchestration.environment.domain.Environment;
import io.orchestration.environment.domain.EnvironmentType;
import io.orchestration.environment.domain.Provider;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class EnvironmentRepository implements PanacheRepositoryBase<Environment, String> {

    /** Filters an operator can combine; null means "any". */
    public record Filter(Provider provider, EnvironmentType type, Boolean enabled) {
    }

    public Uni<List<Environment>> findMatching(Filter filter, int page, int size) {
        return query(filter).page(Page.of(page, size)).list();
    }

    public Uni<List<Environment>> findAllMatching(Filter filter) {
        return query(filter).list();
    }

    public Uni<Long> countMatching(Filter filter) {
        Parameters params = new Parameters();
        return count(where(filter, params), params);
    }

    /** Serialises catalogue changes across transactions and replicas until this transaction ends. */
    public Uni<Void> lockCatalogue() {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("select pg_advisory_xact_lock(hashtext('environment-catalogue'))")
                        .getSingleResult())
                .replaceWithVoid();
    }

    private io.quarkus.hibernate.reactive.panache.PanacheQuery<Environment> query(Filter filter) {
        Parameters params = new Parameters();
        String where = where(filter, params);
        Sort order = Sort.by("name");
        return where.isEmpty() ? findAll(order) : find(where, order, params);
    }

    private static String where(Filter filter, Parameters params) {
        List<String> clauses = new ArrayList<>();
        if (filter.provider() != null) {
            clauses.add("provider = :provider");
            params.and("provider", filter.provider());
        }
        if (filter.type() != null) {
            clauses.add("type = :type");
            params.and("type", filter.type());
        }
        if (filter.enabled() != null) {
            clauses.add("enabled = :enabled");
            params.and("enabled", filter.enabled());
        }
        return String.join(" and ", clauses);
    }
}
