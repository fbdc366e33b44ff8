package io.orchestration.deployment.cluster;

/** A workload's controller did not roll every replica within the rollout timeout. */
public class RolloutStuck extends RuntimeException {

    public RolloutStuck(String message) {
        super(message);
    }
}
