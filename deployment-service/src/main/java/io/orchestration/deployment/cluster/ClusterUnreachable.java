package io.orchestration.deployment.cluster;

/** An environment's cluster cannot be reached: no credentials, or none that work. */
public class ClusterUnreachable extends RuntimeException {

    public ClusterUnreachable(String message) {
        super(message);
    }
}
