package io.orchestration.monitoring.service;

import io.orchestration.monitoring.config.MonitoringConfig;
import io.orchestration.monitoring.domain.MonitoredEnvironment;
import io.orchestration.monitoring.domain.Target;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects every target this replica owns at its own interval, else its service type's, else 15 s. The
 * scheduler ticks every second and picks the targets that are due; a tick never overlaps the
 * previous one, and every call inside a collection has its own timeout, so one slow target
 * delays a tick by at most that timeout.
 */
@ApplicationScoped
public class CollectionScheduler {

    private static final Logger LOG = Logger.getLogger(CollectionScheduler.class);

    private final CollectionService collection;
    private final TargetCatalog catalog;
    private final MonitoringConfig.CollectionConfig config;
    private final Map<String, Instant> nextDue = new ConcurrentHashMap<>();

    public CollectionScheduler(CollectionService collection, TargetCatalog catalog, MonitoringConfig config) {
        this.collection = collection;
        this.catalog = catalog;
        this.config = config.collection();
    }

    @Scheduled(every = "${monitoring.collection.tick:1s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> collectDueTargets() {
        if (!config.scheduled()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        return Panache.withSession(() -> MonitoredEnvironment.<MonitoredEnvironment>list("enabled", true))
                .onItem().transformToMulti(environments -> Multi.createFrom().iterable(environments))
                .onItem().transformToUniAndMerge(environment -> collection.collect(environment, target -> isDue(target, now))
                        .onFailure().invoke(failure -> LOG.warnf("Collection of %s failed: %s", environment.name, failure.getMessage()))
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    /** Whether {@code target} is this replica's and its interval has passed; if so, its next collection is scheduled. */
    boolean isDue(Target target, Instant now) {
        if (!catalog.owns(target)) {
            return false;
        }
        Instant due = nextDue.getOrDefault(target.key(), Instant.MIN);
        if (now.isBefore(due)) {
            return false;
        }
        nextDue.put(target.key(), now.plus(config.intervalOf(target.key(), target.type().id())));
        return true;
    }
}
