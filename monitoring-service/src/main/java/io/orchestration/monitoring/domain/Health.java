package io.orchestration.monitoring.domain;

import io.orchestration.outbox.IdEnum;

/** A service's health, worst last, so the worst of several is the one with the highest severity. */
public enum Health implements IdEnum {
    HEALTHY("healthy", 0),
    UNKNOWN("unknown", 1),
    DEGRADED("degraded", 2),
    UNHEALTHY("unhealthy", 3);

    private final String id;
    private final int severity;

    Health(String id, int severity) {
        this.id = id;
        this.severity = severity;
    }

    @Override
    public String id() {
        return id;
    }

    public Health worse(Health other) {
        return other != null && other.severity > severity ? other : this;
    }

    public static Health fromId(String id) {
        return IdEnum.fromId(Health.class, id);
    }
}
