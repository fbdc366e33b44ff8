package io.orchestration.deployment.service;

import io.orchestration.common.events.EventTypes;
import io.orchestration.deployment.config.DeploymentConfig;
import io.orchestration.deployment.domain.Deployment;
import io.orchestration.deployment.domain.DeploymentStatus;
import io.orchestration.deployment.domain.DeploymentView;
import io.orchestration.deployment.repository.DeploymentRepository;
import io.orchestration.deployment.strategy.PlannedStep;
import io.orchestration.outbox.PeriodicTask;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Drives deployments through their plans. A replica claims one deployment at a time with a lease
 * it renews at every step; a deployment whose driver died (lease expired) is claimed again and
 * resumes at the step it had reached. Each step commits on its own with its log lines and event.
 */
@ApplicationScoped
public class DeploymentDriver {

    private static final Logger LOG = Logger.getLogger(DeploymentDriver.class);

    private final DeploymentRepository deployments;
    private final DeploymentJournal journal;
    private final DeploymentConfig config;
    private final DeploymentNotifier notifier;
    private final String replica = "deployment-service-" + UUID.randomUUID();
    private PeriodicTask driver;
    private Vertx vertx;

    public DeploymentDriver(DeploymentRepository deployments, DeploymentJournal journal, DeploymentConfig config,
                            DeploymentNotifier notifier) {
        this.deployments = deployments;
        this.journal = journal;
        this.config = config;
        this.notifier = notifier;
    }

    void startDriving(@Observes StartupEvent start, Vertx vertx) {
        this.vertx = vertx;
        driver = PeriodicTask.start(vertx, "Deployment driver", config.driver().interval(), this::driveNext);
    }

    void stopDriving(@Observes ShutdownEvent stop) {
        if (driver != null) {
            driver.stop();
        }
    }

    /** Claims the next deployment that needs a driver, if any, and takes it to its end. */
    Uni<Void> driveNext() {
        return Panache.withTransaction(() -> deployments.claimNext().chain(found -> found.isEmpty()
                        ? Uni.createFrom().<UUID>nullItem()
                        : claim(found.get())))
                .chain(id -> id == null ? Uni.createFrom().voidItem() : driveSteps(id));
    }

    private Uni<UUID> claim(Deployment deployment) {
        boolean resumed = deployment.status == DeploymentStatus.DEPLOYING;
        if (!resumed) {
            deployment.transitionTo(DeploymentStatus.DEPLOYING);
        }
        renewLease(deployment);
        String message = resumed
                ? "Resumed at step " + (deployment.stepsDone + 1) + " of " + deployment.stepsTotal + " by " + replica
                        + " (the previous driver's lease expired)"
                : "Started by " + replica;
        return journal.info(deployment, null, message)
                .chain(() -> journal.changed(deployment, resumed ? DeploymentJournal.eventFor(deployment)
                        : EventTypes.DEPLOYMENT_STARTED))
                .replaceWith(deployment.id);
    }

    /** Runs the remaining steps one transaction each, pausing between them, until the end or a stop. */
    private Uni<Void> driveSteps(UUID id) {
        return Multi.createBy().repeating().uni(() -> Panache.withTransaction(() -> runNextStep(id))
                        .call(outcome -> outcome.ended() != null ? notifier.ended(outcome.ended())
                                : outcome.more() ? pause() : Uni.createFrom().voidItem()))
                .whilst(StepOutcome::more)
                .collect().last()
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> fail(id, failure));
    }

    /** What a step left: more steps to run, or the deployment's end (to announce once committed), or neither. */
    private record StepOutcome(boolean more, DeploymentView ended) {
        static final StepOutcome STOP = new StepOutcome(false, null);
        static final StepOutcome MORE = new StepOutcome(true, null);
    }

    private Uni<StepOutcome> runNextStep(UUID id) {
        return deployments.findById(id, LockModeType.PESSIMISTIC_WRITE).chain(deployment -> {
            if (deployment.status != DeploymentStatus.DEPLOYING || !replica.equals(deployment.leaseOwner)) {
                return Uni.createFrom().item(StepOutcome.STOP);
            }
            if (deployment.stepsDone >= deployment.stepsTotal) {
                deployment.transitionTo(DeploymentStatus.COMPLETED);
                return journal.info(deployment, null, "Completed: version " + deployment.version + " rolled out with "
                                + deployment.strategy.id() + (deployment.dryRun ? " (dry run: nothing was applied)" : ""))
                        .chain(() -> journal.changed(deployment, DeploymentJournal.eventFor(deployment)))
                        .map(view -> new StepOutcome(false, view));
            }
            PlannedStep step = deployment.plan.steps().get(deployment.stepsDone);
            deployment.currentStep = step.name();
            renewLease(deployment);
            String label = "Step " + (deployment.stepsDone + 1) + "/" + deployment.stepsTotal + ": " + step.name();
            return journal.info(deployment, step.name(), label)
                    .chain(() -> Multi.createFrom().iterable(step.operations())
                            .onItem().transformToUniAndConcatenate(operation -> journal.info(deployment, step.name(),
                                    (deployment.dryRun ? "[dry run] would " : "") + operation))
                            .collect().last())
                    .invoke(() -> deployment.stepsDone++)
                    .chain(() -> journal.changed(deployment, DeploymentJournal.eventFor(deployment)))
                    .replaceWith(StepOutcome.MORE);
        });
    }

    private Uni<Void> fail(UUID id, Throwable failure) {
        return Panache.withTransaction(() -> deployments.findById(id, LockModeType.PESSIMISTIC_WRITE).chain(deployment -> {
            if (deployment == null || deployment.status.isTerminal()) {
                return Uni.createFrom().<DeploymentView>nullItem();
            }
            LOG.errorf(failure, "Deployment %s failed", id);
            deployment.transitionTo(DeploymentStatus.FAILED);
            deployment.error = "Step '" + deployment.currentStep + "' failed: " + failure.getMessage();
            return journal.log(deployment, "error", deployment.currentStep, deployment.error)
                    .chain(() -> journal.changed(deployment, DeploymentJournal.eventFor(deployment)));
        })).call(view -> view == null ? Uni.createFrom().voidItem() : notifier.ended(view)).replaceWithVoid();
    }

    /** A Vert.x timer, not Mutiny's delay: the next step must run on this Vert.x context, as Hibernate Reactive needs. */
    private Uni<Void> pause() {
        return Uni.createFrom().emitter(done -> vertx.setTimer(Math.max(1, config.dryRun().stepPause().toMillis()),
                timer -> done.complete(null)));
    }

    private void renewLease(Deployment deployment) {
        deployment.leaseOwner = replica;
        deployment.leaseExpiresAt = OffsetDateTime.now(ZoneOffset.UTC).plus(config.driver().lease());
    }
}
