package io.orchestration.monitoring.service;

import io.orchestration.monitoring.config.MonitoringConfig;
import io.orchestration.monitoring.domain.AdminSettings;
import io.orchestration.monitoring.domain.MonitoredEnvironment;
import io.orchestration.monitoring.domain.ServiceType;
import io.orchestration.monitoring.domain.Target;
import io.orchestration.monitoring.sharding.ReplicaMembership;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects every target this replica owns at its own interval, else the administrator's interval for its service
 * type, else the configured one for the type, else 15 s. The scheduler ticks every second and picks the targets
 * that are due; a tick never overlaps the previous one, and every call inside a collection has its own timeout, so
 * one slow target delays a tick by at most that timeout. When the administrator changes a service type, its
 * targets are due at once (so a disabled service says so, and a re-enabled one is read, within a tick).
 */
@ApplicationScoped
public class CollectionScheduler {

    private static final Logger LOG = Logger.getLogger(CollectionScheduler.class);

    private final CollectionService collection;
    private final ReplicaMembership membership;
    private final MonitoringConfig.CollectionConfig config;
    private final Map<String, Instant> nextDue = new ConcurrentHashMap<>();
    private final Map<ServiceType, OffsetDateTime> settingsSeen = new EnumMap<>(ServiceType.class);

    public CollectionScheduler(CollectionService collection, ReplicaMembership membership, MonitoringConfig config) {
        this.collection = collection;
        this.membership = membership;
        this.config = config.collection();
    }

    @Scheduled(every = "${monitoring.collection.tick:1s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> collectDueTargets() {
        if (!config.scheduled()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        return Panache.withSession(() -> MonitoredEnvironment.<MonitoredEnvironment>list("enabled", true)
                        .chain(environments -> AdminSettings.load().map(settings -> Map.entry(environments, settings))))
                .onItem().transformToMulti(loaded -> {
                    AdminSettings settings = loaded.getValue();
                    forgetScheduleOfChangedTypes(settings);
                    return Multi.createFrom().iterable(loaded.getKey()).map(environment -> Map.entry(environment, settings));
                })
                .onItem().transformToUniAndMerge(entry -> collection.collect(entry.getKey(), entry.getValue(),
                                target -> membership.owns(target) && isDue(target, entry.getValue(), now))
                        .onFailure().invoke(failure -> LOG.warnf("Collection of %s failed: %s", entry.getKey().name, failure.getMessage()))
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    /** Whether {@code target}'s interval has passed; if so, its next collection is scheduled. */
    boolean isDue(Target target, AdminSettings settings, Instant now) {
        Instant due = nextDue.getOrDefault(target.key(), Instant.MIN);
        if (now.isBefore(due)) {
            return false;
        }
        nextDue.put(target.key(), now.plus(intervalOf(target, settings)));
        return true;
    }

    /** The target's own configured interval, else the administrator's for its type, else the type's configured one, else the default. */
    Duration intervalOf(Target target, AdminSettings settings) {
        Duration own = config.targetIntervals().get(target.key());
        return own != null ? own : settings.collectionInterval(target.type())
                .orElseGet(() -> config.intervalOf(target.key(), target.type().id()));
    }

    /** Targets of a service type whose administrator setting changed since the last tick are due now. */
    void forgetScheduleOfChangedTypes(AdminSettings settings) {
        for (ServiceType type : ServiceType.values()) {
            OffsetDateTime updated = settings.of(type).map(setting -> setting.appliedAt).orElse(null);
            if (!Objects.equals(settingsSeen.put(type, updated), updated)) {
                String infix = "/" + type.id() + "/";
                nextDue.keySet().removeIf(key -> key.contains(infix));
            }
        }
    }
}
