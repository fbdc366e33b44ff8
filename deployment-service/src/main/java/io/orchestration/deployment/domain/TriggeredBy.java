package io.orchestration.deployment.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import io.orchestration.outbox.IdEnum;

import java.util.Locale;

/** Who started a deployment: a client of the API, an operator by hand (CLI, UI), or the scheduler. */
public enum TriggeredBy implements IdEnum {
    API, MANUAL, SCHEDULED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @jakarta.persistence.Converter
    public static class Column extends IdEnum.Column<TriggeredBy> {
        public Column() {
            super(TriggeredBy.class);
        }
    }
}
