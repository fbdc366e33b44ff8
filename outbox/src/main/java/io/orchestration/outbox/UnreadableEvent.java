package io.orchestration.outbox;

/** An event whose data this service cannot apply however often it tries: it goes to the dead-letter topic. */
public class UnreadableEvent extends IllegalArgumentException {

    public UnreadableEvent(String message) {
        super(message);
    }

    public UnreadableEvent(String message, Throwable cause) {
        super(message, cause);
    }
}
