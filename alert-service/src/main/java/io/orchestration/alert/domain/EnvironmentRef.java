package io.orchestration.alert.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** An environment as environment-service last announced it. */
@Entity
@Table(name = "environment_ref")
public class EnvironmentRef extends PanacheEntityBase {

    @Id
    public String name;

    public boolean enabled;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
