package io.orchestration.monitoring.domain;

import io.orchestration.outbox.IdEnum;

/** How a collection went: the service answered, did not answer, answered nonsense, has no endpoint to ask, or is
 * not to be asked (disabled by the administrator). */
public enum ReadingState implements IdEnum {
    UP("up"),
    UNREACHABLE("unreachable"),
    ERROR("error"),
    NOT_CONFIGURED("not-configured"),
    /** The administrator turned collection of this service type off: nothing was asked. */
    DISABLED("disabled");

    private final String id;

    ReadingState(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    public static ReadingState fromId(String id) {
        return IdEnum.fromId(ReadingState.class, id);
    }
}
