package io.orchestration.monitoring.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.Map;

/** An environment as monitoring sees it, projected from environment-events: what to collect from. */
@Entity
@Table(name = "monitored_environment")
public class MonitoredEnvironment extends PanacheEntityBase {

    @Id
    public String name;

    public boolean enabled;

    /** Service endpoints by catalogue name: besuRpc, besuMetrics, cacti, firefly, ccipRouter, ... */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> endpoints;

    /** The cluster by field: apiServer, context, namespace, credentialsSecret. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> cluster;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
