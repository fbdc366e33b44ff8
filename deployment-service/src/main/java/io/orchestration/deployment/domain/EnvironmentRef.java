package io.orchestration.deployment.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.Map;

/** What this service knows of an environment, projected from environment-events. */
@Entity
@Table(name = "environment_ref")
public class EnvironmentRef extends PanacheEntityBase {

    @Id
    public String name;

    public String provider;

    public boolean enabled;

    /** No cluster credentials: deployments plan their changes and apply none. */
    @Column(name = "dry_run")
    public boolean dryRun;

    public String namespace;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Boolean> components;

    /** Where the environment's services answer, by name: besuRpc, besuMetrics, cacti, firefly, ccipRouter, prometheus. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> endpoints;

    /** The environment's cluster by field: apiServer, context, namespace, credentialsSecret (a Secret holding a kubeconfig). */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> cluster;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
