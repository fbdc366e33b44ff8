package io.orchestration.monitoring.service;

import io.orchestration.monitoring.collector.Collector;
import io.orchestration.monitoring.config.MonitoringConfig;
import io.orchestration.monitoring.domain.AdminSettings;
import io.orchestration.monitoring.domain.EnvironmentHealthView;
import io.orchestration.monitoring.domain.EnvironmentNotFound;
import io.orchestration.monitoring.domain.Health;
import io.orchestration.monitoring.domain.MonitoredEnvironment;
import io.orchestration.monitoring.domain.Reading;
import io.orchestration.monitoring.domain.ReadingState;
import io.orchestration.monitoring.domain.ServiceStatus;
import io.orchestration.monitoring.domain.ServiceType;
import io.orchestration.monitoring.domain.Target;
import io.orchestration.monitoring.events.MonitoringEvents;
import io.orchestration.monitoring.health.HealthRules;
import io.orchestration.monitoring.health.Verdict;
import io.orchestration.monitoring.sharding.ReplicaMembership;
import io.orchestration.monitoring.storage.SamplePoint;
import io.orchestration.monitoring.storage.SampleStore;
import io.orchestration.monitoring.storage.SeriesKey;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One collection of an environment: every target read in parallel by its collector, the values
 * written as samples, then each service's status and health updated with the events they cause
 * (health transitions, the collection summary) in one transaction.
 */
@ApplicationScoped
public class CollectionService {

    private final Map<ServiceType, Collector> collectors = new EnumMap<>(ServiceType.class);
    private final TargetCatalog catalog;
    private final SampleStore samples;
    private final HealthRules rules;
    private final MonitoringEvents events;
    private final MonitoringGauges gauges;
    private final Duration maxFeedAge;
    private final String replica;

    public CollectionService(Instance<Collector> collectors, TargetCatalog catalog, SampleStore samples, HealthRules rules,
                             MonitoringEvents events, MonitoringGauges gauges, ReplicaMembership membership,
                             MonitoringConfig config) {
        this.replica = membership.replicaId();
        this.maxFeedAge = config.health().feeds().maxAge();
        collectors.forEach(collector -> this.collectors.put(collector.type(), collector));
        this.catalog = catalog;
        this.samples = samples;
        this.rules = rules;
        this.events = events;
        this.gauges = gauges;
    }

    /**
     * Collects every target of {@code environment} now, whichever replica owns them (services the administrator
     * disabled are not asked); its health summary after.
     */
    public Uni<EnvironmentHealthView> collectNow(String environment) {
        return Panache.withSession(() -> MonitoredEnvironment.<MonitoredEnvironment>findById(environment)
                        .onItem().ifNull().failWith(() -> new EnvironmentNotFound(environment))
                        .chain(found -> AdminSettings.load().map(settings -> Map.entry(found, settings))))
                .chain(found -> collect(found.getKey(), found.getValue(), target -> true))
                .chain(() -> healthOf(environment));
    }

    /**
     * Collects the targets of {@code environment} that {@code due} selects; a target of a service type the
     * administrator disabled is not asked, its reading says it is disabled. The readings taken.
     */
    public Uni<List<Reading>> collect(MonitoredEnvironment environment, AdminSettings settings, Predicate<Target> due) {
        List<Target> targets = catalog.targetsOf(environment).stream().filter(due).toList();
        if (targets.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // A context of its own: environments collected side by side must not share a Hibernate Reactive session.
        Context context = VertxContext.createNewDuplicatedContext(Vertx.currentContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Multi.createFrom().iterable(targets)
                .onItem().transformToUniAndMerge(target -> settings.collects(target.type()) ? read(target)
                        : Uni.createFrom().item(Reading.disabled(target, OffsetDateTime.now(ZoneOffset.UTC), settings.of(target.type()).orElseThrow())))
                .collect().asList()
                // Collectors finish on HTTP client threads; Hibernate Reactive must continue on this context.
                .emitOn(task -> context.runOnContext(ignored -> task.run()))
                .call(readings -> samples.write(samplesOf(readings)))
                .call(readings -> Panache.withTransaction(() -> record(environment.name, readings)));
    }

    public Uni<EnvironmentHealthView> healthOf(String environment) {
        return Panache.withSession(() -> ServiceStatus.<ServiceStatus>list("environment = ?1 order by serviceType, serviceName", environment))
                .map(statuses -> EnvironmentHealthView.of(environment, statuses));
    }

    private Uni<Reading> read(Target target) {
        Collector collector = collectors.get(target.type());
        if (collector == null) {
            return Uni.createFrom().item(Reading.notConfigured(target, OffsetDateTime.now(ZoneOffset.UTC), "no collector for " + target.type().id()));
        }
        return collector.collect(target);
    }

    private static List<SamplePoint> samplesOf(List<Reading> readings) {
        List<SamplePoint> points = new ArrayList<>();
        for (Reading reading : readings) {
            Target target = reading.target();
            reading.values().forEach((metric, value) -> points.add(new SamplePoint(
                    new SeriesKey(target.environment(), target.type().id(), target.serviceName(), metric),
                    reading.collectedAt().toInstant(), value)));
        }
        return points;
    }

    private Uni<Void> record(String environment, List<Reading> readings) {
        List<MonitoringEvents.CollectedService> summary = new ArrayList<>();
        return Multi.createFrom().iterable(readings)
                .onItem().transformToUniAndConcatenate(reading -> update(reading).invoke(status -> summary.add(
                        new MonitoringEvents.CollectedService(status.serviceType.id(), status.serviceName, status.state.id(), status.health.id(),
                                status.collectedBy))))
                .collect().last()
                .chain(() -> events.collected(new MonitoringEvents.Collected(environment, OffsetDateTime.now(ZoneOffset.UTC), replica, summary)));
    }

    private Uni<ServiceStatus> update(Reading reading) {
        Target target = reading.target();
        return ServiceStatus.<ServiceStatus>findById(target.key()).chain(existing -> {
            ServiceStatus status = existing != null ? existing : newStatus(target, reading.collectedAt());
            Health previous = existing != null ? existing.health : Health.UNKNOWN;
            String previouslyStale = existing == null || existing.facts == null ? "" : existing.facts.getOrDefault("staleFeeds", "");
            Verdict verdict = rules.judge(reading, existing == null ? null : existing.lastBlock, existing == null ? 0 : existing.stalledIntervals);
            boolean changed = previous != verdict.health();
            if (changed) {
                status.healthSince = reading.collectedAt();
            }
            status.state = reading.state();
            status.health = verdict.health();
            status.reasons = Map.of("list", verdict.reasons());
            status.readings = reading.values();
            status.facts = reading.facts();
            status.error = reading.error();
            status.source = "live";
            status.lastBlock = verdict.lastBlock();
            status.stalledIntervals = verdict.stalledIntervals();
            status.collectedAt = reading.collectedAt();
            status.collectedBy = replica;
            if (reading.state() != ReadingState.DISABLED) {
                // A disabled service has no figures to chart, not zeros.
                gauges.record(reading, verdict.health());
            }
            Uni<?> persisted = status.persist();
            for (MonitoringEvents.FeedStale stale : newlyStaleFeeds(reading, previouslyStale)) {
                persisted = persisted.call(() -> events.feedStale(stale));
            }
            if (changed) {
                persisted = persisted.call(() -> events.healthChanged(new MonitoringEvents.HealthChanged(target.environment(),
                        target.type().id(), target.serviceName(), previous.id(), verdict.health().id(), verdict.reasons(), reading.collectedAt())));
            }
            return persisted.replaceWith(status);
        });
    }

    /** Feeds stale in this reading that were not in the previous one: each is announced once per staleness. */
    private List<MonitoringEvents.FeedStale> newlyStaleFeeds(Reading reading, String previouslyStale) {
        String stale = reading.facts().get("staleFeeds");
        if (stale == null) {
            return List.of();
        }
        List<String> before = List.of(previouslyStale.split(","));
        List<MonitoringEvents.FeedStale> announcements = new ArrayList<>();
        for (String feed : stale.split(",")) {
            if (before.contains(feed)) {
                continue;
            }
            String key = "feed." + feed.toLowerCase(Locale.ROOT);
            Double age = reading.value(key + ".ageSeconds");
            String updatedAt = reading.facts().get(key + ".updatedAt");
            announcements.add(new MonitoringEvents.FeedStale(reading.target().environment(), feed, reading.facts().get(key + ".description"),
                    reading.facts().get(key + ".roundId"), updatedAt == null ? null : Instant.parse(updatedAt).atOffset(ZoneOffset.UTC),
                    age == null ? 0 : age.longValue(), maxFeedAge.toSeconds()));
        }
        return announcements;
    }

    private static ServiceStatus newStatus(Target target, OffsetDateTime at) {
        ServiceStatus status = new ServiceStatus();
        status.targetKey = target.key();
        status.environment = target.environment();
        status.serviceType = target.type();
        status.serviceName = target.serviceName();
        status.healthSince = at;
        return status;
    }
}
