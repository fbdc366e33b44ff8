package io.orchestration.deployment.service;

import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.deployment.domain.Deployment;
import io.orchestration.deployment.domain.DeploymentLog;
import io.orchestration.deployment.domain.DeploymentView;
import io.orchestration.deployment.domain.LogLine;
import io.orchestration.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Writes what happens to a deployment: log lines and state changes, each stored and published
 * (deployment-log, deployment-updated on the live feed) in the caller's transaction.
 */
@ApplicationScoped
public class DeploymentJournal {

    private final Outbox outbox;

    public DeploymentJournal(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> log(Deployment deployment, String level, String step, String message) {
        DeploymentLog line = new DeploymentLog();
        line.deploymentId = deployment.id;
        line.at = OffsetDateTime.now(ZoneOffset.UTC);
        line.level = level;
        line.step = step;
        line.message = message;
        return line.<DeploymentLog>persistAndFlush()
                .call(saved -> outbox.publish(Topics.DEPLOYMENT, deployment.environment, EventTypes.DEPLOYMENT_LOG,
                        deployment.id.toString(), LogLine.of(saved)))
                .replaceWithVoid();
    }

    public Uni<Void> info(Deployment deployment, String step, String message) {
        return log(deployment, "info", step, message);
    }

    /** Saves the deployment and announces its new state as {@code eventType}. */
    public Uni<DeploymentView> changed(Deployment deployment, String eventType) {
        return deployment.<Deployment>persistAndFlush()
                .map(DeploymentView::of)
                .call(view -> outbox.publish(Topics.DEPLOYMENT, deployment.environment, eventType, deployment.id.toString(), view));
    }

    public static String eventFor(Deployment deployment) {
        return switch (deployment.status) {
            case QUEUED -> EventTypes.DEPLOYMENT_QUEUED;
            case DEPLOYING -> EventTypes.DEPLOYMENT_PROGRESSED;
            case COMPLETED -> EventTypes.DEPLOYMENT_COMPLETED;
            case FAILED -> EventTypes.DEPLOYMENT_FAILED;
            case ROLLED_BACK -> EventTypes.DEPLOYMENT_ROLLED_BACK;
        };
    }
}
