package io.orchestration.alert.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import io.orchestration.outbox.IdEnum;

import java.util.Locale;

/**
 * pending (waiting for its time or a retry) -> sent | failed (gave up after the last attempt) | silenced
 * (a silence muted it when due) | cancelled (the alert resolved before its group wait was over).
 */
public enum DeliveryStatus implements IdEnum {
    PENDING, SENT, FAILED, SILENCED, CANCELLED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @jakarta.persistence.Converter
    public static class Column extends IdEnum.Column<DeliveryStatus> {
        public Column() {
            super(DeliveryStatus.class);
        }
    }
}
