package io.orchestration.environment.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import io.orchestration.outbox.IdEnum;

import java.util.Locale;

/** Where an environment runs. */
public enum Provider implements IdEnum {
    AZURE, AWS, GCP, IBM, OCI, ONPREM;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The provider with this id, or null when there is none (callers report it). */
    public static Provider fromId(String id) {
        return IdEnum.fromId(Provider.class, id);
    }

    @jakarta.persistence.Converter
    public static class Column extends IdEnum.Column<Provider> {
        public Column() {
            super(Provider.class);
        }
    }
}
