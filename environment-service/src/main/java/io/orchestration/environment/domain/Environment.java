package io.orchestration.environment.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** An environment as the portal stores it: the operator's spec plus who changed it and when. */
@Entity
@Table(name = "environment")
public class Environment extends PanacheEntityBase {

    @Id
    public String name;

    @Column(name = "display_name")
    public String displayName;

    public String description;

    @Convert(converter = Provider.Column.class)
    public Provider provider;

    @Convert(converter = EnvironmentType.Column.class)
    public EnvironmentType type;

    public boolean enabled;

    /** A PostgreSQL text[]: Hibernate Reactive's JSON binding accepts only objects at the top level. */
    public String[] regions;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "region_policy")
    public RegionPolicy regionPolicy;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Boolean> components;

    @JdbcTypeCode(SqlTypes.JSON)
    public ClusterAccess cluster;

    @JdbcTypeCode(SqlTypes.JSON)
    public ServiceEndpoints endpoints;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> labels;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    @Version
    public long version;

    /** Copies a normalized spec onto this row. */
    public void apply(EnvironmentSpec spec) {
        name = spec.name();
        displayName = spec.displayName();
        description = spec.description();
        provider = spec.provider();
        type = spec.type();
        enabled = spec.enabled();
        regions = spec.regions().toArray(String[]::new);
        regionPolicy = spec.regionPolicy();
        components = spec.components();
        cluster = spec.cluster();
        endpoints = spec.endpoints();
        labels = spec.labels();
    }

    public EnvironmentSpec toSpec() {
        return new EnvironmentSpec(name, displayName, description, provider, type, List.of(regions), regionPolicy, enabled,
                components, cluster, endpoints, labels).normalized();
    }
}
