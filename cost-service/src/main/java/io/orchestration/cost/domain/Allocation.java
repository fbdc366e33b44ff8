package io.orchestration.cost.domain;

import io.orchestration.outbox.IdEnum;

/** Whether a cost is attributed to an environment: unallocated rows (no environment matched) are kept and reported. */
public enum Allocation implements IdEnum {
    ALLOCATED("allocated"), UNALLOCATED("unallocated");

    public static final String IDS = "allocated, unallocated";

    private final String id;

    Allocation(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
