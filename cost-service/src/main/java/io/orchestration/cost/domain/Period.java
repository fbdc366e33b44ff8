package io.orchestration.cost.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.orchestration.outbox.IdEnum;

import java.time.OffsetDateTime;

/** How long a charge's period is. */
public enum Period implements IdEnum {
    DAILY("daily"), WEEKLY("weekly"), MONTHLY("monthly");

    public static final String IDS = "daily, weekly, monthly";

    private final String id;

    Period(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static Period fromId(String id) {
        Period value = IdEnum.fromId(Period.class, id);
        if (value != null) {
            return value;
        }
        throw new IllegalArgumentException("'" + id + "' is not one of daily, weekly, monthly");
    }

    /** The period a charge from {@code start} to {@code end} belongs to: up to a day, up to a week, or longer. */
    public static Period covering(OffsetDateTime start, OffsetDateTime end) {
        java.time.Duration length = java.time.Duration.between(start, end);
        if (length.compareTo(java.time.Duration.ofDays(1)) <= 0) {
            return DAILY;
        }
        return length.compareTo(java.time.Duration.ofDays(7)) <= 0 ? WEEKLY : MONTHLY;
    }

    @jakarta.persistence.Converter
    public static class Column extends IdEnum.Column<Period> {
        public Column() {
            super(Period.class);
        }
    }
}
