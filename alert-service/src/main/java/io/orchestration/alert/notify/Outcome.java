package io.orchestration.alert.notify;

/** What a receiver made of one try: sent, or why not (with its HTTP status where it answered). */
public record Outcome(boolean succeeded, Integer httpStatus, String error) {

    public static Outcome sent(Integer httpStatus) {
        return new Outcome(true, httpStatus, null);
    }

    public static Outcome failed(Integer httpStatus, String error) {
        return new Outcome(false, httpStatus, error);
    }
}
