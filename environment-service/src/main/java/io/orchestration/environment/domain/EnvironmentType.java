package io.orchestration.environment.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import io.orchestration.outbox.IdEnum;

import java.util.Locale;

/** A public-cloud environment, or hyper-converged infrastructure on a site of our own. */
public enum EnvironmentType implements IdEnum {
    CLOUD, HCI;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EnvironmentType fromId(String id) {
        return IdEnum.fromId(EnvironmentType.class, id);
    }

    @jakarta.persistence.Converter
    public static class Column extends IdEnum.Column<EnvironmentType> {
        public Column() {
            super(EnvironmentType.class);
        }
    }
}
