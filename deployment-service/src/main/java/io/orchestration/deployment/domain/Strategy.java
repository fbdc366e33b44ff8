package io.orchestration.deployment.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.orchestration.outbox.IdEnum;

/** How a new version replaces the running one. */
public enum Strategy implements IdEnum {
    ROLLING("rolling"), BLUE_GREEN("blue-green"), CANARY("canary");

    private final String id;

    Strategy(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static Strategy fromId(String id) {
        Strategy strategy = IdEnum.fromId(Strategy.class, id);
        if (strategy != null) {
            return strategy;
        }
        throw new IllegalArgumentException("'" + id + "' is not a strategy (rolling, blue-green, canary)");
    }

    @jakarta.persistence.Converter
    public static class Column extends IdEnum.Column<Strategy> {
        public Column() {
            super(Strategy.class);
        }
    }
}
