package io.orchestration.cost.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** A spending limit for one environment or one provider per period, with the fractions of it that raise events. */
@Entity
@Table(name = "budget")
public class Budget extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    public String environment;

    public String provider;

    public BigDecimal amount;

    public String currency;

    @Convert(converter = Period.Column.class)
    public Period period;

    /** Ascending fractions of the amount, stored as "0.8,1". */
    @Column(name = "thresholds")
    public String thresholdList;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public List<BigDecimal> thresholds() {
        return Arrays.stream(thresholdList.split(",")).map(BigDecimal::new).toList();
    }

    public void thresholds(List<BigDecimal> fractions) {
        thresholdList = fractions.stream().sorted().map(BigDecimal::toPlainString).collect(Collectors.joining(","));
    }

    /** The first day of the budget period {@code day} falls in (weeks start on Monday). */
    public LocalDate periodStartOf(LocalDate day) {
        switch (period) {
            case DAILY:
                return day;
            case WEEKLY:
                return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            default:
                return day.withDayOfMonth(1);
        }
    }

    public LocalDate periodEndOf(LocalDate day) {
        LocalDate start = periodStartOf(day);
        switch (period) {
            case DAILY:
                return start;
            case WEEKLY:
                return start.plusDays(6);
            default:
                return start.plusMonths(1).minusDays(1);
        }
    }
}
