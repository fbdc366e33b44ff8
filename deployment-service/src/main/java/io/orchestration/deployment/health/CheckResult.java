package io.orchestration.deployment.health;

/** One health check's outcome; a skipped check was not run, and {@code detail} says why. */
public record CheckResult(String name, boolean passed, boolean skipped, String detail) {

    public static CheckResult passed(String name, String detail) {
        return new CheckResult(name, true, false, detail);
    }

    public static CheckResult failed(String name, String detail) {
        return new CheckResult(name, false, false, detail);
    }

    public static CheckResult skipped(String name, String reason) {
        return new CheckResult(name, false, true, reason);
    }

    /** Whether this check lets the environment count as healthy: it passed, or there was nothing to run. */
    public boolean acceptable() {
        return passed || skipped;
    }
}
