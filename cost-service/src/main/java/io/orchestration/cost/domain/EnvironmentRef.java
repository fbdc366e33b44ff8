package io.orchestration.cost.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** What this service knows of an environment, projected from environment-events. */
@Entity
@Table(name = "environment_ref")
public class EnvironmentRef extends PanacheEntityBase {

    @Id
    public String name;

    public String provider;

    /** The cluster's context name; resource ids that carry it belong to this environment. */
    @Column(name = "cluster_context")
    public String clusterContext;

    /** {@code allowed} and {@code denied} region lists; an empty allowed list allows every region not denied. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "region_policy")
    public Map<String, List<String>> regionPolicy;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public List<String> allowedRegions() {
        return regionPolicy == null ? List.of() : regionPolicy.getOrDefault("allowed", List.of());
    }

    public List<String> deniedRegions() {
        return regionPolicy == null ? List.of() : regionPolicy.getOrDefault("denied", List.of());
    }

    public boolean permits(String region) {
        return !deniedRegions().contains(region) && (allowedRegions().isEmpty() || allowedRegions().contains(region));
    }
}
