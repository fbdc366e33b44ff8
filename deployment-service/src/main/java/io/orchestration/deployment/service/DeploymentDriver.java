package io.orchestration.deployment.service;

import io.orchestration.common.events.EventTypes;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.orchestration.deployment.cluster.ClusterClients;
import io.orchestration.deployment.cluster.ClusterOperations;
import io.orchestration.deployment.cluster.ClusterOperations.AwaitedWorkload;
import io.orchestration.deployment.cluster.RolloutStuck;
import io.orchestration.deployment.config.DeploymentConfig;
import io.orchestration.deployment.domain.Deployment;
import io.orchestration.deployment.domain.DeploymentStatus;
import io.orchestration.deployment.domain.DeploymentView;
import io.orchestration.deployment.domain.EnvironmentRef;
import io.orchestration.deployment.repository.DeploymentRepository;
import io.orchestration.deployment.strategy.Operation;
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

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Drives deployments through their plans. A replica claims one deployment at a time with a lease
 * it renews at every step; a deployment whose driver died (lease expired) is claimed again and
 * resumes at the step it had reached. Each step commits on its own with its log lines and event; a live step
 * commits its start, applies its operations to the cluster outside any transaction, then commits its end.
 */
@ApplicationScoped
public class DeploymentDriver {

    private static final Logger LOG = Logger.getLogger(DeploymentDriver.class);

    private final DeploymentRepository deployments;
    private final DeploymentJournal journal;
    private final DeploymentConfig config;
    private final DeploymentNotifier notifier;
    private final ClusterClients clusters;
    private final ClusterOperations clusterOperations;
    private final String replica = "deployment-service-" + UUID.randomUUID();
    private PeriodicTask driver;
    private Vertx vertx;

    public DeploymentDriver(DeploymentRepository deployments, DeploymentJournal journal, DeploymentConfig config,
                            DeploymentNotifier notifier, ClusterClients clusters, ClusterOperations clusterOperations) {
        this.deployments = deployments;
        this.clusters = clusters;
        this.clusterOperations = clusterOperations;
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
        return Multi.createBy().repeating().uni(() -> runNextStep(id)
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

    /** A live step whose operations are to be applied to the environment's cluster, outside any transaction. */
    private record LiveStep(int index, PlannedStep step, String environment, Map<String, String> cluster) {
    }

    /** Either how the deployment goes on (dry run, end, stop), or the live step to apply. */
    private record StepStart(StepOutcome outcome, LiveStep live) {
    }

    private Uni<StepOutcome> runNextStep(UUID id) {
        return Panache.withTransaction(() -> startNextStep(id))
                .chain(started -> started.live() == null ? Uni.createFrom().item(started.outcome()) : applyLive(id, started.live()));
    }

    private Uni<StepStart> startNextStep(UUID id) {
        return deployments.findById(id, LockModeType.PESSIMISTIC_WRITE).chain(deployment -> {
            if (deployment.status != DeploymentStatus.DEPLOYING || !replica.equals(deployment.leaseOwner)) {
                return Uni.createFrom().item(new StepStart(StepOutcome.STOP, null));
            }
            if (deployment.stepsDone >= deployment.stepsTotal) {
                deployment.transitionTo(DeploymentStatus.COMPLETED);
                return journal.info(deployment, null, "Completed: version " + deployment.version + " rolled out with "
                                + deployment.strategy.id() + (deployment.dryRun ? " (dry run: nothing was applied)" : ""))
                        .chain(() -> journal.changed(deployment, DeploymentJournal.eventFor(deployment)))
                        .map(view -> new StepStart(new StepOutcome(false, view), null));
            }
            PlannedStep step = deployment.plan.steps().get(deployment.stepsDone);
            deployment.currentStep = step.name();
            renewLease(deployment);
            String label = "Step " + (deployment.stepsDone + 1) + "/" + deployment.stepsTotal + ": " + step.name();
            Uni<Void> described = journal.info(deployment, step.name(), label)
                    .chain(() -> Multi.createFrom().iterable(step.descriptions())
                            .onItem().transformToUniAndConcatenate(operation -> journal.info(deployment, step.name(),
                                    (deployment.dryRun ? "[dry run] would " : "") + operation))
                            .collect().last())
                    .replaceWithVoid();
            if (!deployment.dryRun) {
                return described.chain(() -> EnvironmentRef.<EnvironmentRef>findById(deployment.environment))
                        .onItem().ifNull().failWith(() -> new IllegalStateException("environment " + deployment.environment + " is gone"))
                        .map(environment -> new StepStart(null,
                                new LiveStep(deployment.stepsDone, step, environment.name, environment.cluster)));
            }
            return described
                    .invoke(() -> deployment.stepsDone++)
                    .chain(() -> journal.changed(deployment, DeploymentJournal.eventFor(deployment)))
                    .replaceWith(new StepStart(StepOutcome.MORE, null));
        });
    }

    /**
     * Applies a live step's operations one by one, on worker threads and outside any transaction; an abort or
     * rollback in the meantime stops it before the next operation, or during a rollout wait.
     */
    private Uni<StepOutcome> applyLive(UUID id, LiveStep live) {
        Uni<Boolean> going = Uni.createFrom().item(true);
        for (Operation operation : live.step().operations()) {
            going = going.chain(stillGoing -> !stillGoing ? Uni.createFrom().item(false) : renewLeaseIfDriving(id)
                    .chain(ours -> !ours ? Uni.createFrom().item(false) : applyLive(id, live, operation)));
        }
        return going.chain(completed -> !completed ? Uni.createFrom().item(StepOutcome.STOP)
                : Panache.withTransaction(() -> finishLiveStep(id, live.index())));
    }

    /** Applies one operation and logs what happened; false when the deployment stopped being this replica's meanwhile. */
    private Uni<Boolean> applyLive(UUID id, LiveStep live, Operation operation) {
        AwaitedWorkload awaited = ClusterOperations.awaited(operation);
        Uni<String> result = awaited == null
                ? onCluster(live, cluster -> clusterOperations.apply(cluster, operation))
                : awaitRollout(id, live, awaited, System.nanoTime() + config.rollout().timeout().toNanos());
        return result.chain(line -> line == null ? Uni.createFrom().item(false)
                : Panache.withTransaction(() -> deployments.findById(id)
                                .chain(deployment -> journal.info(deployment, live.step().name(), line)))
                        .replaceWith(true));
    }

    /**
     * Polls the workload until its controller has rolled every replica, renewing the lease at each look (a rollout
     * can outlast it); null when the deployment was stopped meanwhile, a {@link RolloutStuck} failure at the timeout.
     */
    private Uni<String> awaitRollout(UUID id, LiveStep live, AwaitedWorkload workload, long deadline) {
        return onCluster(live, cluster -> Optional.ofNullable(clusterOperations.rollout(cluster, workload))).chain(rollout -> {
            if (rollout.isPresent() && rollout.get().done()) {
                return Uni.createFrom().item("rolled out: " + workload + " " + rollout.get());
            }
            if (System.nanoTime() >= deadline) {
                return Uni.createFrom().failure(new RolloutStuck(workload + " did not roll out within "
                        + config.rollout().timeout().toSeconds() + "s (" + rollout.map(Object::toString).orElse("not found") + ")"));
            }
            return renewLeaseIfDriving(id).chain(ours -> !ours ? Uni.createFrom().<String>nullItem()
                    : pause(config.rollout().pollInterval()).chain(() -> awaitRollout(id, live, workload, deadline)));
        });
    }

    /** Whether this replica still drives the deployment; if so its lease is renewed. */
    private Uni<Boolean> renewLeaseIfDriving(UUID id) {
        return Panache.withTransaction(() -> deployments.findById(id, LockModeType.PESSIMISTIC_WRITE).map(deployment -> {
            boolean ours = deployment.status == DeploymentStatus.DEPLOYING && replica.equals(deployment.leaseOwner);
            if (ours) {
                renewLease(deployment);
            }
            return ours;
        }));
    }

    /** Runs blocking fabric8 calls on a worker; the result comes back on this Vert.x context, as Hibernate Reactive needs. */
    private <T> Uni<T> onCluster(LiveStep live, Function<KubernetesClient, T> calls) {
        return Uni.createFrom().completionStage(() -> vertx.executeBlocking(() -> {
            try (KubernetesClient cluster = clusters.forCluster(live.environment(), live.cluster())) {
                return calls.apply(cluster);
            }
        }, false).toCompletionStage());
    }

    private Uni<StepOutcome> finishLiveStep(UUID id, int index) {
        return deployments.findById(id, LockModeType.PESSIMISTIC_WRITE).chain(deployment -> {
            if (deployment.status != DeploymentStatus.DEPLOYING || !replica.equals(deployment.leaseOwner) || deployment.stepsDone != index) {
                return Uni.createFrom().item(StepOutcome.STOP);
            }
            deployment.stepsDone++;
            renewLease(deployment);
            return journal.changed(deployment, DeploymentJournal.eventFor(deployment)).replaceWith(StepOutcome.MORE);
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

    private Uni<Void> pause() {
        return pause(config.dryRun().stepPause());
    }

    /** A Vert.x timer, not Mutiny's delay: what follows must run on this Vert.x context, as Hibernate Reactive needs. */
    private Uni<Void> pause(Duration duration) {
        return Uni.createFrom().emitter(done -> vertx.setTimer(Math.max(1, duration.toMillis()), timer -> done.complete(null)));
    }

    private void renewLease(Deployment deployment) {
        deployment.leaseOwner = replica;
        deployment.leaseExpiresAt = OffsetDateTime.now(ZoneOffset.UTC).plus(config.driver().lease());
    }
}
