package io.orchestration.deployment.health;

import io.orchestration.deployment.domain.Color;

import java.time.OffsetDateTime;
import java.util.List;

/** The answer to a health check of an environment (or one colour of it). */
public record HealthReport(String environment, Color color, boolean healthy, List<CheckResult> checks, OffsetDateTime checkedAt) {

    public static HealthReport of(String environment, Color color, List<CheckResult> checks, OffsetDateTime checkedAt) {
        return new HealthReport(environment, color, checks.stream().allMatch(CheckResult::acceptable), checks, checkedAt);
    }
}
