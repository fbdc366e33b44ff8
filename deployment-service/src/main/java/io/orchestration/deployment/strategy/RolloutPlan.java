package io.orchestration.deployment.strategy;

import java.util.List;

/** A deployment's steps in order. A record (not a bare list) because JSON columns hold objects. */
public record RolloutPlan(List<PlannedStep> steps) {
}
