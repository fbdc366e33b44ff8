package io.orchestration.deployment.domain;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Who started a deployment: a client of the API, an operator by hand (CLI, UI), or the scheduler. */
public enum TriggeredBy {
    API, MANUAL, SCHEDULED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @jakarta.persistence.Converter
    public static class Column implements jakarta.persistence.AttributeConverter<TriggeredBy, String> {
        @Override
        public String convertToDatabaseColumn(TriggeredBy value) {
            return value == null ? null : value.id();
        }

        @Override
        public TriggeredBy convertToEntityAttribute(String id) {
            return id == null ? null : valueOf(id.toUpperCase(Locale.ROOT));
        }
    }
}
