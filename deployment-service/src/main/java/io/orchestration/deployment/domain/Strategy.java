package io.orchestration.deployment.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a new version replaces the running one. */
public enum Strategy {
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
        for (Strategy strategy : values()) {
            if (strategy.id.equals(id)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("'" + id + "' is not a strategy (rolling, blue-green, canary)");
    }

    @jakarta.persistence.Converter
    public static class Column implements jakarta.persistence.AttributeConverter<Strategy, String> {
        @Override
        public String convertToDatabaseColumn(Strategy strategy) {
            return strategy == null ? null : strategy.id();
        }

        @Override
        public Strategy convertToEntityAttribute(String id) {
            return fromId(id);
        }
    }
}
