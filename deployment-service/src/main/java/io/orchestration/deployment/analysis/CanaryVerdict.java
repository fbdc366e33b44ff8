package io.orchestration.deployment.analysis;

import java.util.OptionalDouble;

/**
 * The outcome of one canary analysis.
 *
 * @param outcome      PASSED, FAILED, or INCONCLUSIVE when Prometheus gave no number to judge
 * @param errorRate    the measured error rate (0..1); NaN or infinite when that is what the query gave,
 *                     empty when no series matched
 * @param maxErrorRate the threshold the rate was held against
 * @param rollBack     whether the rollout must roll back: FAILED always, INCONCLUSIVE as configured
 * @param reason       one sentence for the deployment log
 * @param query        the PromQL that was evaluated
 */
public record CanaryVerdict(Outcome outcome, OptionalDouble errorRate, double maxErrorRate, boolean rollBack,
                            String reason, String query) {

    public enum Outcome {
        PASSED, FAILED, INCONCLUSIVE
    }
}
