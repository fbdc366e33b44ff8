package io.orchestration.alert.repository;

import io.orchestration.alert.domain.Silence;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SilenceRepository implements PanacheRepositoryBase<Silence, UUID> {

    public Uni<List<Silence>> findActive(OffsetDateTime at) {
        return list("startsAt <= ?1 and endsAt > ?1", at);
    }

    /** Silences that have not ended (active or pending), or every one, newest first. */
    public Uni<List<Silence>> findPage(boolean notEndedOnly, OffsetDateTime now, int page, int size) {
        Sort newestFirst = Sort.descending("createdAt").and("id");
        return (notEndedOnly ? find("endsAt > ?1", newestFirst, now) : findAll(newestFirst)).page(Page.of(page, size)).list();
    }

    public Uni<Long> countPage(boolean notEndedOnly, OffsetDateTime now) {
        return notEndedOnly ? count("endsAt > ?1", now) : count();
    }
}
