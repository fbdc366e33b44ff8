package io.orchestration.deployment.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import io.orchestration.outbox.IdEnum;

/** One of the two copies of an environment's workloads in a blue-green rollout. */
public enum Color implements IdEnum {
    BLUE("blue"), GREEN("green");

    private final String id;

    Color(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** The colour with this id, or null when there is none (callers report it). */
    public static Color fromId(String id) {
        return IdEnum.fromId(Color.class, id);
    }
}
