package io.orchestration.environment.domain;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where an environment runs. */
public enum Provider {
    AZURE, AWS, GCP, IBM, OCI, ONPREM;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The provider with this id, or null when there is none (callers report it). */
    public static Provider fromId(String id) {
        for (Provider provider : values()) {
            if (provider.id().equals(id)) {
                return provider;
            }
        }
        return null;
    }

    /** Stored as its lower-case id, as in the catalogue and the API. */
    @jakarta.persistence.Converter
    public static class Column implements jakarta.persistence.AttributeConverter<Provider, String> {
        @Override
        public String convertToDatabaseColumn(Provider value) {
            return value == null ? null : value.id();
        }

        @Override
        public Provider convertToEntityAttribute(String id) {
            return fromId(id);
        }
    }
}
