package io.orchestration.environment.domain;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** A public-cloud environment, or hyper-converged infrastructure on a site of our own. */
public enum EnvironmentType {
    CLOUD, HCI;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EnvironmentType fromId(String id) {
        for (EnvironmentType type : values()) {
            if (type.id().equals(id)) {
                return type;
            }
        }
        return null;
    }

    /** Stored as its lower-case id, as in the catalogue and the API. */
    @jakarta.persistence.Converter
    public static class Column implements jakarta.persistence.AttributeConverter<EnvironmentType, String> {
        @Override
        public String convertToDatabaseColumn(EnvironmentType value) {
            return value == null ? null : value.id();
        }

        @Override
        public EnvironmentType convertToEntityAttribute(String id) {
            return fromId(id);
        }
    }
}
