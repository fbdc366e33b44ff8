package io.orchestration.monitoring.domain;

import io.orchestration.outbox.IdEnum;

/** The kinds of service monitoring collects from, by their id in the API and the events. */
public enum ServiceType implements IdEnum {
    BESU("besu"),
    CACTI("cacti"),
    FIREFLY("firefly"),
    CHAINLINK_CCIP("chainlink-ccip"),
    CLUSTER("cluster");

    private final String id;

    ServiceType(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    public static ServiceType fromId(String id) {
        return IdEnum.fromId(ServiceType.class, id);
    }
}
