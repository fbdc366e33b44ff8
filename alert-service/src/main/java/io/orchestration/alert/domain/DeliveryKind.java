package io.orchestration.alert.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import io.orchestration.outbox.IdEnum;

import java.util.Locale;

/** A notification that an alert fires (again), or that it resolved. */
public enum DeliveryKind implements IdEnum {
    TRIGGER, RESOLVE;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @jakarta.persistence.Converter
    public static class Column extends IdEnum.Column<DeliveryKind> {
        public Column() {
            super(DeliveryKind.class);
        }
    }
}
