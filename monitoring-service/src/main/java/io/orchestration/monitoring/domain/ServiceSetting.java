package io.orchestration.monitoring.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

/** The administrator's configuration of one service (besu, cacti, ...), as the last admin.service-updated event said. */
@Entity
@Table(name = "service_setting")
public class ServiceSetting extends PanacheEntityBase {

    /** The setting in the service's configuration JSON that sets how often monitoring collects it. */
    public static final String COLLECTION_INTERVAL_SECONDS = "collectionIntervalSeconds";

    /** The admin-service name: a {@link ServiceType} id for the services monitoring collects. */
    @Id
    public String name;

    public boolean enabled;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> config;

    @Column(name = "updated_by")
    public String updatedBy;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "applied_at")
    public OffsetDateTime appliedAt;

    /** The administrator's collection interval for this service, when the configuration sets a positive one. */
    public Optional<Duration> collectionInterval() {
        Object seconds = config == null ? null : config.get(COLLECTION_INTERVAL_SECONDS);
        return seconds instanceof Number number && number.longValue() > 0
                ? Optional.of(Duration.ofSeconds(number.longValue())) : Optional.empty();
    }
}
