package io.orchestration.cost.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One charge in its own currency; {@code environment} null means unallocated. */
@Entity
@Table(name = "cost_record")
public class CostRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String environment;

    public String provider;

    @Column(name = "resource_type")
    @Convert(converter = ResourceType.Column.class)
    public ResourceType resourceType;

    @Column(name = "service_category")
    public String serviceCategory;

    @Column(name = "resource_id")
    public String resourceId;

    public String region;

    @Convert(converter = Period.Column.class)
    public Period period;

    @Column(name = "charge_start")
    public OffsetDateTime chargeStart;

    @Column(name = "charge_end")
    public OffsetDateTime chargeEnd;

    @Column(name = "usage_date")
    public LocalDate usageDate;

    public BigDecimal amount;

    public String currency;

    @Convert(converter = CostSource.Column.class)
    public CostSource source;

    @Column(name = "import_id")
    public UUID importId;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
