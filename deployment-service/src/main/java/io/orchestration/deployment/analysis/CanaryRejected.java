package io.orchestration.deployment.analysis;

/** A canary step's analysis says roll back: the error rate is above the threshold, or could not be measured. */
public class CanaryRejected extends RuntimeException {

    public CanaryRejected(String reason) {
        super("canary analysis rejected the canary: " + reason);
    }
}
