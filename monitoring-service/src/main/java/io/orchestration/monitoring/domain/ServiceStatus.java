package io.orchestration.monitoring.domain;

import io.orchestration.outbox.IdEnum;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** The latest reading and health of one monitored service, and what the health rules remember between readings. */
@Entity
@Table(name = "service_status")
public class ServiceStatus extends PanacheEntityBase {

    /** {@link Target#key()}: environment/type/name. */
    @Id
    @Column(name = "target_key")
    public String targetKey;

    public String environment;

    @Column(name = "service_type")
    @Convert(converter = ServiceTypeColumn.class)
    public ServiceType serviceType;

    @Column(name = "service_name")
    public String serviceName;

    @Convert(converter = StateColumn.class)
    public ReadingState state;

    @Convert(converter = HealthColumn.class)
    public Health health;

    /** {"list": [...]}: a JSON column cannot hold a top-level array here. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, List<String>> reasons;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Double> readings;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> facts;

    public String error;

    /** The replica that took the latest reading (null for demo history). */
    @Column(name = "collected_by")
    public String collectedBy;

    /** live, or demo for seeded history. */
    public String source;

    @Column(name = "last_block")
    public Long lastBlock;

    @Column(name = "stalled_intervals")
    public int stalledIntervals;

    @Column(name = "collected_at")
    public OffsetDateTime collectedAt;

    @Column(name = "health_since")
    public OffsetDateTime healthSince;

    public List<String> reasonList() {
        return reasons == null ? List.of() : reasons.getOrDefault("list", List.of());
    }

    public static class ServiceTypeColumn extends IdEnum.Column<ServiceType> {
        public ServiceTypeColumn() {
            super(ServiceType.class);
        }
    }

    public static class StateColumn extends IdEnum.Column<ReadingState> {
        public StateColumn() {
            super(ReadingState.class);
        }
    }

    public static class HealthColumn extends IdEnum.Column<Health> {
        public HealthColumn() {
            super(Health.class);
        }
    }
}
