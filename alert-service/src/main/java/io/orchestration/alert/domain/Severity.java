package io.orchestration.alert.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.orchestration.outbox.IdEnum;

import java.util.Locale;

/** How urgent an alert is, most urgent first. */
public enum Severity implements IdEnum {
    ERROR, WARNING, INFO;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** At least as urgent as {@code other}: error is at least warning, warning at least info. */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }

    @JsonCreator
    public static Severity fromId(String id) {
        Severity severity = IdEnum.fromId(Severity.class, id);
        if (severity != null) {
            return severity;
        }
        throw new IllegalArgumentException("'" + id + "' is not a severity (error, warning, info)");
    }

    @jakarta.persistence.Converter
    public static class Column extends IdEnum.Column<Severity> {
        public Column() {
            super(Severity.class);
        }
    }
}
