package io.orchestration.deployment.service;

import io.orchestration.common.events.EventTypes;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.orchestration.deployment.analysis.CanaryAnalysis;
import io.orchestration.deployment.analysis.CanaryRejected;
import io.orchestration.deployment.cluster.Applied;
import io.orchestration.deployment.cluster.ClusterClients;
import io.orchestration.deployment.cluster.ClusterOperations;
import io.orchestration.deployment.cluster.ClusterOperations.AwaitedWorkload;
import io.orchestration.deployment.cluster.ClusterOperations.PodWalk;
import io.orchestration.deployment.cluster.RolloutStuck;
import io.orchestration.deployment.config.DeploymentConfig;
import io.orchestration.deployment.domain.Deployment;
import io.orchestration.deployment.domain.DeploymentStatus;
import io.orchestration.deployment.domain.DeploymentView;
import io.orchestration.deployment.domain.EnvironmentRef;
import io.orchestration.deployment.repository.DeploymentRepository;
import io.orchestration.deployment.domain.Strategy;
import io.orchestration.deployment.health.ChainChecker;
import io.orchestration.deployment.health.CheckResult;
import io.orchestration.deployment.strategy.Operation;
import io.orchestration.deployment.strategy.Operation.AnalyseCanary;
import io.orchestration.deployment.strategy.Operation.CheckChain;
import io.orchestration.deployment.strategy.Operation.RollPodByPod;
import io.orchestration.deployment.strategy.Operation.Stabilise;
import io.orchestration.deployment.strategy.RolloutFacts;
import io.orchestration.deployment.strategy.PlannedStep;
import io.orchestration.outbox.PeriodicTask;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
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
    private final CanaryAnalysis canaryAnalysis;
    private final ChainChecker chainChecker;
    private final RollbackStarter rollbacks;
    private final String replica = "deployment-service-" + UUID.randomUUID();
    private PeriodicTask driver;
    private Vertx vertx;

    public DeploymentDriver(DeploymentRepository deployments, DeploymentJournal journal, DeploymentConfig config,
                            DeploymentNotifier notifier, ClusterClients clusters, ClusterOperations clusterOperations,
                            CanaryAnalysis canaryAnalysis, ChainChecker chainChecker, RollbackStarter rollbacks) {
        this.canaryAnalysis = canaryAnalysis;
        this.chainChecker = chainChecker;
        this.rollbacks = rollbacks;
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
        String message = resumed
                ? "Resumed " + (deployment.reverting ? "rolling back " : "") + "at step " + (deployment.stepsDone + 1) + " of " + deployment.stepsTotal + " by " + replica
                        + " (the previous driver's lease expired)"
                : "Started by " + replica;
        renewLease(deployment);
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
                .onFailure().recoverWithUni(failure -> fail(id, failure)
                        .chain(rollingBack -> rollingBack ? driveSteps(id) : Uni.createFrom().voidItem()));
    }

    /** What a step left: more steps to run, or the deployment's end (to announce once committed), or neither. */
    private record StepOutcome(boolean more, DeploymentView ended) {
        static final StepOutcome STOP = new StepOutcome(false, null);
        static final StepOutcome MORE = new StepOutcome(true, null);
    }

    /**
     * A live step whose operations are to be applied to the environment's cluster, outside any transaction, with the
     * environment's endpoints (Prometheus, JSON-RPC) and the facts the rollout had learnt when the step began.
     */
    private record LiveStep(int index, PlannedStep step, String environment, Map<String, String> cluster,
                            Map<String, String> endpoints, RolloutFacts facts, boolean reverting) {
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
                deployment.transitionTo(deployment.reverting ? DeploymentStatus.ROLLED_BACK : DeploymentStatus.COMPLETED);
                String ended = deployment.reverting
                        ? "Rolled back: the changes of version " + deployment.version + " are undone (" + deployment.error + ")"
                        : "Completed: version " + deployment.version + " rolled out with " + deployment.strategy.id()
                                + (deployment.dryRun ? " (dry run: nothing was applied)" : "");
                return journal.info(deployment, null, ended)
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
                        .map(environment -> new StepStart(null, new LiveStep(deployment.stepsDone, step, environment.name,
                                environment.cluster, environment.endpoints == null ? Map.of() : environment.endpoints,
                                new RolloutFacts(deployment.facts), deployment.reverting)));
            }
            return described
                    .invoke(() -> deployment.stepsDone++)
                    .chain(() -> journal.changed(deployment, DeploymentJournal.eventFor(deployment)))
                    .replaceWith(new StepStart(StepOutcome.MORE, null));
        });
    }

    /**
     * Applies a live step's operations one by one, on worker threads and outside any transaction; an abort or
     * rollback in the meantime stops it before the next operation, or during a wait.
     */
    private Uni<StepOutcome> applyLive(UUID id, LiveStep live) {
        return applyFrom(id, live, 0, live.facts()).chain(completed -> Panache.withTransaction(() -> completed
                ? finishLiveStep(id, live)
                // Stopped part-way: still ours means it was turned around (rollback), so its undo steps come next.
                : deployments.findById(id).map(deployment -> deployment.status == DeploymentStatus.DEPLOYING
                        && replica.equals(deployment.leaseOwner) ? StepOutcome.MORE : StepOutcome.STOP)));
    }

    /** Applies the step's operations from {@code index} on, each seeing the facts the ones before it learnt. */
    private Uni<Boolean> applyFrom(UUID id, LiveStep live, int index, RolloutFacts facts) {
        if (index == live.step().operations().size()) {
            return Uni.createFrom().item(true);
        }
        Operation operation = live.step().operations().get(index);
        return renewLeaseIfDriving(id, live)
                .chain(ours -> !ours ? Uni.createFrom().<Applied>nullItem() : applyLive(id, live, operation, facts))
                // Locked: a rollback requested meanwhile waits for the facts of what was just applied, which it needs.
                .chain(applied -> applied == null ? Uni.createFrom().item(false) : Panache.withTransaction(() -> deployments
                                .findById(id, LockModeType.PESSIMISTIC_WRITE).chain(deployment -> {
                                    deployment.facts = RolloutFacts.merge(deployment.facts, applied.facts());
                                    return journal.info(deployment, live.step().name(), applied.line())
                                            .replaceWith(new RolloutFacts(deployment.facts));
                                }))
                        .chain(learnt -> applyFrom(id, live, index + 1, learnt)));
    }

    /** Applies one operation; null when the deployment stopped being this replica's meanwhile. */
    private Uni<Applied> applyLive(UUID id, LiveStep live, Operation operation, RolloutFacts facts) {
        AwaitedWorkload awaited = ClusterOperations.awaited(operation, facts);
        if (awaited != null) {
            return awaitRollout(id, live, awaited, System.nanoTime() + config.rollout().timeout().toNanos()).map(line -> line == null ? null : Applied.line(line));
        }
        if (operation instanceof Stabilise stabilise) {
            // The check after the wait is the cluster operation of a Stabilise.
            return waitWhileDriving(id, live, Duration.ofSeconds(stabilise.seconds())).chain(ours -> !ours ? Uni.createFrom().<Applied>nullItem()
                    : onCluster(live, cluster -> clusterOperations.apply(cluster, operation, facts)));
        }
        if (operation instanceof AnalyseCanary analysis) {
            return waitWhileDriving(id, live, Duration.ofSeconds(analysis.pauseSeconds())).chain(ours -> !ours ? Uni.createFrom().<Applied>nullItem()
                    : analyse(live, analysis).map(Applied::line));
        }
        if (operation instanceof CheckChain) {
            return checkChain(live).map(Applied::line);
        }
        if (operation instanceof RollPodByPod roll) {
            return onCluster(live, cluster -> clusterOperations.podWalk(cluster, roll.namespace(), roll.name()))
                    .chain(walk -> rollPodByPod(id, live, roll, walk, Math.min(walk.partition(), walk.replicas()) - 1));
        }
        return onCluster(live, cluster -> clusterOperations.apply(cluster, operation, facts));
    }

    /**
     * Replaces a held StatefulSet's pods from {@code ordinal} down to 0, one at a time: the partition comes down to the
     * pod, the controller replaces it, every pod must be Ready and the validator in sync before the next. Null when the
     * deployment stopped being this replica's (or was turned around) meanwhile.
     */
    private Uni<Applied> rollPodByPod(UUID id, LiveStep live, RollPodByPod roll, PodWalk walk, int ordinal) {
        AwaitedWorkload statefulSet = new AwaitedWorkload("StatefulSet", roll.namespace(), roll.name());
        long deadline = System.nanoTime() + config.rollout().timeout().toNanos();
        if (ordinal < 0 && walk.partition() == 0) {
            // Not held (a plan from before the walk, or released): the controller replaces the pods by itself.
            return awaitRollout(id, live, statefulSet, deadline).map(line -> line == null ? null : Applied.line(line));
        }
        String pod = roll.name() + "-" + ordinal;
        return renewLeaseIfDriving(id, live).chain(ours -> !ours ? Uni.createFrom().<Applied>nullItem()
                : onCluster(live, cluster -> clusterOperations.setPartition(cluster, roll.namespace(), roll.name(), ordinal))
                        .call(line -> logLine(id, live, line + ": replacing pod " + pod))
                        .chain(() -> awaitRollout(id, live, statefulSet, deadline))
                        .chain(rolled -> rolled == null ? Uni.createFrom().<Applied>nullItem() : logLine(id, live, rolled)
                                .chain(() -> validatorInSync(live, pod))
                                .chain(inSync -> ordinal == 0 ? Uni.createFrom().item(Applied.line(inSync + "; all " + walk.replicas()
                                                + " pods of StatefulSet " + statefulSet.namespace() + "/" + roll.name() + " replaced, one at a time"))
                                        : logLine(id, live, inSync).chain(() -> rollPodByPod(id, live, roll, walk, ordinal - 1)))));
    }

    /**
     * The replaced validator answers over JSON-RPC, is not syncing and has peers, at the environment's validatorRpc
     * endpoint (with {ordinal} standing for the pod's ordinal); without one, it says the check could not run.
     */
    private Uni<String> validatorInSync(LiveStep live, String pod) {
        String template = live.endpoints().get("validatorRpc");
        if (template == null || template.isBlank()) {
            return Uni.createFrom().item("sync not checked: environment '" + live.environment() + "' has no validatorRpc endpoint for " + pod);
        }
        String url = template.replace("{ordinal}", pod.substring(pod.lastIndexOf('-') + 1));
        return chainChecker.checkSync(url).emitOn(backToThisContext()).map(results -> {
            List<String> failed = results.stream().filter(result -> !result.passed())
                    .map(result -> result.name() + ": " + result.detail()).toList();
            if (!failed.isEmpty()) {
                throw new IllegalStateException("Validator " + pod + " is not in sync after its replacement: " + String.join("; ", failed));
            }
            return "in sync: validator " + pod + " (" + results.stream().map(CheckResult::detail).collect(Collectors.joining(", ")) + ")";
        });
    }

    private Uni<Void> logLine(UUID id, LiveStep live, String line) {
        return Panache.withTransaction(() -> deployments.findById(id).chain(deployment -> journal.info(deployment, live.step().name(), line)));
    }

    /** The canary's error rate from the environment's Prometheus; a verdict that rolls back fails the step. */
    private Uni<String> analyse(LiveStep live, AnalyseCanary analysis) {
        String prometheus = live.endpoints().get("prometheus");
        if (prometheus == null || prometheus.isBlank()) {
            return Uni.createFrom().failure(new CanaryRejected("environment '" + live.environment() + "' has no prometheus endpoint:"
                    + " the canary's error rate cannot be measured"));
        }
        return canaryAnalysis.analyse(URI.create(prometheus), analysis.namespace(), analysis.name(), analysis.maxErrorRate())
                .emitOn(backToThisContext())
                .map(verdict -> {
                    if (verdict.rollBack()) {
                        throw new CanaryRejected(verdict.reason());
                    }
                    return "analysis " + verdict.outcome().name().toLowerCase(Locale.ROOT) + ": " + verdict.reason();
                });
    }

    /** The chain checks against the environment's besuRpc endpoint; any failed check fails the step. */
    private Uni<String> checkChain(LiveStep live) {
        String rpc = live.endpoints().get("besuRpc");
        if (rpc == null || rpc.isBlank()) {
            return Uni.createFrom().item("skipped: environment '" + live.environment() + "' has no besuRpc endpoint to check the chain at");
        }
        return chainChecker.check(rpc).emitOn(backToThisContext()).map(results -> {
            List<String> failed = results.stream().filter(result -> !result.acceptable())
                    .map(result -> result.name() + ": " + result.detail()).toList();
            if (!failed.isEmpty()) {
                throw new IllegalStateException("Chain checks failed: " + String.join("; ", failed));
            }
            return "healthy: " + results.stream().map(result -> result.name() + " (" + result.detail() + ")")
                    .collect(Collectors.joining(", "));
        });
    }

    /** Where a Uni completed by another library's thread resumes: this Vert.x context, as Hibernate Reactive needs. */
    private static Executor backToThisContext() {
        Context context = Vertx.currentContext();
        return task -> context.runOnContext(ignored -> task.run());
    }

    /** Waits in lease-renewing slices; false as soon as the deployment stops being this replica's. */
    private Uni<Boolean> waitWhileDriving(UUID id, LiveStep live, Duration wait) {
        if (wait.isZero() || wait.isNegative()) {
            return Uni.createFrom().item(true);
        }
        Duration slice = wait.compareTo(config.rollout().pollInterval()) < 0 ? wait : config.rollout().pollInterval();
        return pause(slice).chain(() -> renewLeaseIfDriving(id, live))
                .chain(ours -> !ours ? Uni.createFrom().item(false) : waitWhileDriving(id, live, wait.minus(slice)));
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
            return renewLeaseIfDriving(id, live).chain(ours -> !ours ? Uni.createFrom().<String>nullItem()
                    : pause(config.rollout().pollInterval()).chain(() -> awaitRollout(id, live, workload, deadline)));
        });
    }

    /**
     * Whether this replica still drives the deployment, in the phase the step belongs to (going forward, or rolling
     * back); the lease is renewed while it does.
     */
    private Uni<Boolean> renewLeaseIfDriving(UUID id, LiveStep live) {
        return Panache.withTransaction(() -> deployments.findById(id, LockModeType.PESSIMISTIC_WRITE).map(deployment -> {
            boolean ours = deployment.status == DeploymentStatus.DEPLOYING && replica.equals(deployment.leaseOwner);
            if (ours) {
                renewLease(deployment);
            }
            return ours && deployment.reverting == live.reverting();
        }));
    }

    /** Runs blocking fabric8 calls on a worker; the result comes back on this Vert.x context, as Hibernate Reactive needs. */
    private <T> Uni<T> onCluster(LiveStep live, Function<KubernetesClient, T> calls) {
        return Uni.createFrom().completionStage(() -> vertx.executeBlocking(
                () -> calls.apply(clusters.forCluster(live.environment(), live.cluster())), false).toCompletionStage());
    }

    private Uni<StepOutcome> finishLiveStep(UUID id, LiveStep live) {
        return deployments.findById(id, LockModeType.PESSIMISTIC_WRITE).chain(deployment -> {
            if (deployment.status != DeploymentStatus.DEPLOYING || !replica.equals(deployment.leaseOwner)) {
                return Uni.createFrom().item(StepOutcome.STOP);
            }
            if (deployment.reverting != live.reverting() || deployment.stepsDone != live.index()) {
                // Turned around while its last operation ran: the step is not done, the undo steps are next.
                return Uni.createFrom().item(StepOutcome.MORE);
            }
            deployment.stepsDone++;
            renewLease(deployment);
            return journal.changed(deployment, DeploymentJournal.eventFor(deployment)).replaceWith(StepOutcome.MORE);
        });
    }

    /**
     * Ends a deployment whose step failed. A live blue-green or canary rollout is rolled back automatically (its undo
     * steps replace the rest of the plan); a rolling one, a dry run, or a rollback that itself failed, ends failed.
     */
    private Uni<Boolean> fail(UUID id, Throwable failure) {
        return Panache.withTransaction(() -> deployments.findById(id, LockModeType.PESSIMISTIC_WRITE).chain(deployment -> {
            if (deployment == null || deployment.status.isTerminal()) {
                return Uni.createFrom().item(Failed.NOTHING_TO_DO);
            }
            LOG.errorf(failure, "Deployment %s failed", id);
            String error = "Step '" + deployment.currentStep + "' failed: " + failure.getMessage();
            if (!deployment.dryRun && !deployment.reverting && deployment.strategy != Strategy.ROLLING) {
                return rollbacks.begin(deployment, error).replaceWith(Failed.ROLLING_BACK);
            }
            deployment.transitionTo(DeploymentStatus.FAILED);
            deployment.error = deployment.reverting ? "Rolling back failed: " + error + " (after: " + deployment.error + ")" : error;
            return journal.log(deployment, "error", deployment.currentStep, deployment.error)
                    .chain(() -> journal.changed(deployment, DeploymentJournal.eventFor(deployment)))
                    .map(view -> new Failed(view, false));
        })).call(failed -> failed.ended() == null ? Uni.createFrom().voidItem() : notifier.ended(failed.ended()))
                .map(Failed::rollingBack);
    }

    /** What a failure led to: the deployment's end (to announce), or its rollback (to drive on), or nothing. */
    private record Failed(DeploymentView ended, boolean rollingBack) {
        static final Failed NOTHING_TO_DO = new Failed(null, false);
        static final Failed ROLLING_BACK = new Failed(null, true);
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
