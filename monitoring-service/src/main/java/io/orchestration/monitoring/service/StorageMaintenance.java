package io.orchestration.monitoring.service;

import io.orchestration.monitoring.storage.Partitions;
import io.orchestration.monitoring.storage.Resolution;
import io.orchestration.monitoring.storage.Retention;
import io.orchestration.monitoring.storage.Rollups;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;


/**
 * Keeps the sample tables in shape: partitions created a day ahead, the last minutes rolled up
 * every minute (re-rolling a few so late samples count), the last hours every ten minutes, and
 * expired partitions dropped every hour. Every pass is idempotent, so replicas may overlap.
 */
@ApplicationScoped
public class StorageMaintenance {

    private static final Logger LOG = Logger.getLogger(StorageMaintenance.class);

    private final Partitions partitions;
    private final Rollups rollups;
    private final Retention retention;

    public StorageMaintenance(Partitions partitions, Rollups rollups, Retention retention) {
        this.partitions = partitions;
        this.rollups = rollups;
        this.retention = retention;
    }

    @Scheduled(every = "1h", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> preparePartitionsAndDropExpired() {
        Instant now = Instant.now();
        return Uni.join().all(
                        partitions.ensure(Resolution.RAW, now, now.plus(Duration.ofDays(1))),
                        partitions.ensure(Resolution.MINUTE, now, now.plus(Duration.ofDays(1))),
                        partitions.ensure(Resolution.HOUR, now, now.plus(Duration.ofDays(1))))
                .andFailFast()
                .chain(() -> retention.dropExpired(now))
                .invoke(dropped -> {
                    if (!dropped.isEmpty()) {
                        LOG.infof("Retention dropped partitions %s", dropped);
                    }
                })
                .replaceWithVoid();
    }

    @Scheduled(every = "1m", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> rollUpRecentMinutes() {
        Instant now = Instant.now();
        return rollups.rollUpMinutes(now.minus(Duration.ofMinutes(5)), now).replaceWithVoid();
    }

    @Scheduled(every = "10m", delayed = "45s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> rollUpRecentHours() {
        Instant now = Instant.now();
        return rollups.rollUpHours(now.minus(Duration.ofHours(2)), now).replaceWithVoid();
    }
}
