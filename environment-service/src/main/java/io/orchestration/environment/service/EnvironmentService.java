package io.orchestration.environment.service;

import io.orchestration.common.api.ResultPage;
import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.environment.catalogue.Catalogue;
import io.orchestration.environment.catalogue.CatalogueCodec;
import io.orchestration.environment.catalogue.CatalogueFile;
import io.orchestration.environment.domain.Environment;
import io.orchestration.environment.domain.EnvironmentExists;
import io.orchestration.environment.domain.EnvironmentNotFound;
import io.orchestration.environment.domain.EnvironmentSpec;
import io.orchestration.environment.domain.EnvironmentView;
import io.orchestration.environment.repository.EnvironmentRepository;
import io.orchestration.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Environment use cases. Every change runs under the catalogue lock in one transaction that
 * updates the row, records the event in the outbox and rewrites the catalogue file; if the file
 * cannot be written the transaction rolls back, so the database, the event and the file agree.
 */
@ApplicationScoped
public class EnvironmentService {

    private final EnvironmentRepository environments;
    private final CatalogueFile catalogueFile;
    private final CatalogueCodec codec;
    private final Outbox outbox;

    public EnvironmentService(EnvironmentRepository environments, CatalogueFile catalogueFile, CatalogueCodec codec, Outbox outbox) {
        this.environments = environments;
        this.catalogueFile = catalogueFile;
        this.codec = codec;
        this.outbox = outbox;
    }

    @WithSession
    public Uni<ResultPage<EnvironmentView>> list(EnvironmentRepository.Filter filter, int page, int size) {
        return environments.findMatching(filter, page, size)
                .chain(found -> environments.countMatching(filter)
                        .map(total -> new ResultPage<>(found.stream().map(EnvironmentView::of).toList(), page, size, total)));
    }

    /** The dashboard's view: environments grouped by provider, with counts. */
    @WithSession
    public Uni<ProviderGroups> groupByProvider(EnvironmentRepository.Filter filter) {
        return environments.findAllMatching(filter).map(found -> ProviderGroups.of(found.stream().map(EnvironmentView::of).toList()));
    }

    @WithSession
    public Uni<EnvironmentView> get(String name) {
        return find(name).map(EnvironmentView::of);
    }

    @WithTransaction
    public Uni<EnvironmentView> create(EnvironmentSpec requested, String actor) {
        EnvironmentSpec spec = requested.normalized();
        return environments.lockCatalogue()
                .chain(catalogueFile::read)
                .chain(catalogue -> environments.findById(spec.name())
                        .onItem().ifNotNull().failWith(() -> new EnvironmentExists(spec.name()))
                        .chain(() -> {
                            Environment env = new Environment();
                            env.createdAt = now();
                            return save(env, spec, actor, EventTypes.ENVIRONMENT_CREATED);
                        })
                        .call(() -> catalogueFile.replace(codec.withUpserted(catalogue, spec))));
    }

    @WithTransaction
    public Uni<EnvironmentView> update(String name, EnvironmentSpec requested, String actor) {
        EnvironmentSpec spec = requested.withName(name).normalized();
        return changeExisting(name, actor, env -> spec);
    }

    /** Sets {@code enabled}, or flips it when {@code wanted} is null. */
    @WithTransaction
    public Uni<EnvironmentView> toggle(String name, Boolean wanted, String actor) {
        return changeExisting(name, actor, env -> env.toSpec().withEnabled(wanted == null ? !env.enabled : wanted));
    }

    @WithTransaction
    public Uni<Void> delete(String name, String actor) {
        return environments.lockCatalogue()
                .chain(catalogueFile::read)
                .chain(catalogue -> find(name)
                        .call(env -> remove(env, actor))
                        .call(() -> catalogueFile.replace(codec.withRemoved(catalogue, name))))
                .replaceWithVoid();
    }

    /**
     * Makes the portal's state match the catalogue file: creates, updates and deletes environments,
     * each with its event. An invalid file changes nothing and fails with the faults it has.
     */
    @WithTransaction
    public Uni<SyncReport> syncFromCatalogue(String actor) {
        return environments.lockCatalogue()
                .chain(catalogueFile::read)
                .chain(catalogue -> environments.listAll().chain(stored -> applyCatalogue(catalogue, stored, actor)));
    }

    /**
     * Publishes every environment's current state. Consumers keep projections of environments; one
     * whose history is gone (a new broker, an expired topic, a reset consumer group) rebuilds from this.
     */
    @WithTransaction
    public Uni<Integer> announceAll() {
        return environments.listAll().chain(all -> Multi.createFrom().iterable(all)
                .onItem().transformToUniAndConcatenate(env -> outbox.publish(Topics.ENVIRONMENT, env.name,
                        EventTypes.ENVIRONMENT_SNAPSHOT, env.name, EnvironmentView.of(env)))
                .collect().asList()
                .map(List::size));
    }

    private Uni<SyncReport> applyCatalogue(Catalogue catalogue, List<Environment> stored, String actor) {
        Map<String, Environment> byName = stored.stream().collect(Collectors.toMap(env -> env.name, Function.identity()));
        Set<String> declared = catalogue.environments().stream().map(EnvironmentSpec::name).collect(Collectors.toSet());
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        List<Uni<?>> changes = new ArrayList<>();
        for (EnvironmentSpec spec : catalogue.environments()) {
            Environment existing = byName.get(spec.name());
            if (existing == null) {
                Environment env = new Environment();
                env.createdAt = now();
                created.add(spec.name());
                changes.add(Uni.createFrom().deferred(() -> save(env, spec, actor, EventTypes.ENVIRONMENT_CREATED)));
            } else if (!existing.toSpec().equals(spec)) {
                updated.add(spec.name());
                changes.add(Uni.createFrom().deferred(() -> save(existing, spec, actor, eventFor(existing, spec))));
            }
        }
        for (Environment env : stored) {
            if (!declared.contains(env.name)) {
                deleted.add(env.name);
                changes.add(Uni.createFrom().deferred(() -> remove(env, actor)));
            }
        }
        int unchanged = catalogue.environments().size() - created.size() - updated.size();
        // One session, so one change at a time.
        return Multi.createFrom().iterable(changes)
                .onItem().transformToUniAndConcatenate(Function.identity())
                .collect().last()
                .replaceWith(new SyncReport(catalogueFile.displayName(), created, updated, deleted, unchanged));
    }

    private Uni<EnvironmentView> changeExisting(String name, String actor, Function<Environment, EnvironmentSpec> change) {
        return environments.lockCatalogue()
                .chain(catalogueFile::read)
                .chain(catalogue -> find(name).chain(env -> {
                    EnvironmentSpec spec = change.apply(env);
                    if (spec.equals(env.toSpec())) {
                        return Uni.createFrom().item(EnvironmentView.of(env));
                    }
                    return save(env, spec, actor, eventFor(env, spec))
                            .call(() -> catalogueFile.replace(codec.withUpserted(catalogue, spec)));
                }));
    }

    private Uni<EnvironmentView> save(Environment env, EnvironmentSpec spec, String actor, String eventType) {
        env.apply(spec);
        env.updatedAt = now();
        env.updatedBy = actor;
        return environments.persistAndFlush(env)
                .map(EnvironmentView::of)
                .call(view -> outbox.publish(Topics.ENVIRONMENT, env.name, eventType, env.name, view));
    }

    private Uni<Void> remove(Environment env, String actor) {
        return environments.delete(env)
                .call(() -> outbox.publish(Topics.ENVIRONMENT, env.name, EventTypes.ENVIRONMENT_DELETED, env.name,
                        Map.of("name", env.name, "deletedBy", actor)));
    }

    /** A change of the enabled flag alone is its own event type; any other change is an update. */
    private static String eventFor(Environment current, EnvironmentSpec next) {
        boolean onlyEnabledChanged = current.enabled != next.enabled()
                && current.toSpec().withEnabled(next.enabled()).equals(next);
        return onlyEnabledChanged ? EventTypes.ENVIRONMENT_ENABLED_CHANGED : EventTypes.ENVIRONMENT_UPDATED;
    }

    private Uni<Environment> find(String name) {
        return environments.findById(name).onItem().ifNull().failWith(() -> new EnvironmentNotFound(name));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
