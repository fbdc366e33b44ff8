package io.orchestration.monitoring.storage;

import io.orchestration.monitoring.config.MonitoringConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The retention policy per resolution: a partition whose whole range is older than its table's retention is dropped. */
@ApplicationScoped
public class Retention {

    private final Partitions partitions;
    private final MonitoringConfig.StorageConfig config;

    public Retention(Partitions partitions, MonitoringConfig config) {
        this.partitions = partitions;
        this.config = config.storage();
    }

    /** Drops every expired partition as of {@code now}; the names of those dropped. */
    public Uni<List<String>> dropExpired(Instant now) {
        List<String> dropped = new ArrayList<>();
        return partitions.dropEndingBefore(Resolution.RAW, now.minus(config.rawRetention())).invoke(dropped::addAll)
                .chain(() -> partitions.dropEndingBefore(Resolution.MINUTE, now.minus(config.minuteRetention()))).invoke(dropped::addAll)
                .chain(() -> partitions.dropEndingBefore(Resolution.HOUR, now.minus(config.hourRetention()))).invoke(dropped::addAll)
                .replaceWith(dropped);
    }
}
