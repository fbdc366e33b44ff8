package io.orchestration.deployment.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A deployment as the API and events show it; {@code rollingBack}: its remaining steps undo it (status becomes rolled_back). */
public record DeploymentView(
        UUID id,
        String environment,
        String version,
        Strategy strategy,
        DeployOptions options,
        DeploymentStatus status,
        boolean dryRun,
        TriggeredBy triggeredBy,
        String requestedBy,
        String currentStep,
        int progress,
        String error,
        boolean rollingBack,
        OffsetDateTime createdAt,
        OffsetDateTime scheduledFor,
        OffsetDateTime startedAt,
        OffsetDateTime completedAt,
        UUID rollbackOf) {

    public static DeploymentView of(Deployment d) {
        return new DeploymentView(d.id, d.environment, d.version, d.strategy, d.options, d.status, d.dryRun,
                d.triggeredBy, d.requestedBy, d.currentStep, d.progressPercent(), d.error, d.reverting, d.createdAt, d.scheduledFor,
                d.startedAt, d.completedAt, d.rollbackOf);
    }
}
