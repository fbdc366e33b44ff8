package io.orchestration.alert.domain;

/** How big the parts of an alert may be, whoever sends it: a caller with more gets a 400, nothing stored. */
public final class Limits {

    public static final int MAX_LABELS = 32;
    public static final int MAX_LABEL_NAME = 100;
    public static final int MAX_LABEL_VALUE = 1000;
    public static final int MAX_NAME = 200;
    public static final int MAX_ENVIRONMENT = 100;
    public static final int MAX_MESSAGE = 4000;
    /** Prometheus's rule for label names. */
    public static final String LABEL_NAME = "^[a-zA-Z_][a-zA-Z0-9_]*$";
    public static final String ENVIRONMENT = "^[a-z0-9][a-z0-9-]*$";
    public static final String SOURCE = "^[a-z][a-z0-9-]{0,39}$";

    private Limits() {
    }
}
