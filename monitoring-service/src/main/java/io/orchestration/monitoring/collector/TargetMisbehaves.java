package io.orchestration.monitoring.collector;

/** The target answered, but not as it should: an HTTP error, a malformed or error reply, the wrong chain. */
public class TargetMisbehaves extends RuntimeException {
    public TargetMisbehaves(String message) {
        super(message);
    }

    public TargetMisbehaves(String message, Throwable cause) {
        super(message, cause);
    }
}
