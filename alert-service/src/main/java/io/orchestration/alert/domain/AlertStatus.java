package io.orchestration.alert.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.orchestration.outbox.IdEnum;

import java.util.Locale;

/** An alert fires until it is resolved; a repeat of a resolved alert fires it again. */
public enum AlertStatus implements IdEnum {
    FIRING, RESOLVED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AlertStatus fromId(String id) {
        AlertStatus status = IdEnum.fromId(AlertStatus.class, id);
        if (status != null) {
            return status;
        }
        throw new IllegalArgumentException("'" + id + "' is not an alert status (firing, resolved)");
    }

    @jakarta.persistence.Converter
    public static class Column extends IdEnum.Column<AlertStatus> {
        public Column() {
            super(AlertStatus.class);
        }
    }
}
