package io.orchestration.monitoring.collector;

/** The target did not answer at all: connection refused or reset, or no answer within the timeout. */
public class TargetUnreachable extends RuntimeException {
    public TargetUnreachable(String message) {
        super(message);
    }
}
