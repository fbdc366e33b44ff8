package io.orchestration.deployment.strategy;

import java.util.List;

/** One step of a rollout and the exact Kubernetes (or check) operations it performs. */
public record PlannedStep(String name, List<String> operations) {
}
