package io.orchestration.deployment.service;

import io.orchestration.common.api.ResultPage;
import io.orchestration.common.problem.ProblemException;
import io.orchestration.deployment.config.DeploymentConfig;
import io.orchestration.deployment.domain.DeployRequest;
import io.orchestration.deployment.domain.Deployment;
import io.orchestration.deployment.domain.DeploymentInProgress;
import io.orchestration.deployment.domain.DeploymentNotFound;
import io.orchestration.deployment.domain.DeploymentStatus;
import io.orchestration.deployment.domain.DeploymentView;
import io.orchestration.deployment.domain.EnvironmentNotFound;
import io.orchestration.deployment.domain.EnvironmentRef;
import io.orchestration.deployment.domain.LogLine;
import io.orchestration.deployment.domain.TriggeredBy;
import io.orchestration.deployment.repository.DeploymentRepository;
import io.orchestration.deployment.strategy.RolloutPlan;
import io.orchestration.deployment.strategy.RolloutPlanner;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.hibernate.exception.ConstraintViolationException;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Deployment use cases for the API: request, abort, and what operators look up. */
@ApplicationScoped
public class DeploymentService {

    private final DeploymentRepository deployments;
    private final RolloutPlanner planner;
    private final DeploymentJournal journal;
    private final DeploymentNotifier notifier;
    private final DeploymentConfig config;
    private final RollbackStarter rollbacks;

    public DeploymentService(DeploymentRepository deployments, RolloutPlanner planner, DeploymentJournal journal,
                             DeploymentNotifier notifier, DeploymentConfig config, RollbackStarter rollbacks) {
        this.rollbacks = rollbacks;
        this.deployments = deployments;
        this.planner = planner;
        this.journal = journal;
        this.notifier = notifier;
        this.config = config;
    }

    /** The answer to a deploy request, and whether it created the deployment or replayed an earlier one. */
    public record Requested(DeploymentView deployment, boolean created) {
    }

    /**
     * Queues a deployment. A repeated request with the same idempotency key returns the first one;
     * a second active deployment on the environment is refused (the database enforces it too).
     */
    @WithTransaction
    public Uni<Requested> request(String environment, DeployRequest request, String actor, String idempotencyKey) {
        Uni<Deployment> earlier = idempotencyKey == null
                ? Uni.createFrom().nullItem()
                : deployments.findByIdempotencyKey(actor, idempotencyKey);
        return earlier.chain(previous -> previous != null
                ? Uni.createFrom().item(new Requested(DeploymentView.of(previous), false))
                : queue(environment, request, actor, idempotencyKey).map(view -> new Requested(view, true)));
    }

    private Uni<DeploymentView> queue(String environment, DeployRequest request, String actor, String idempotencyKey) {
        if (request.triggeredBy() == TriggeredBy.SCHEDULED && request.startAt() == null) {
            throw new ProblemException.InvalidInput("A scheduled deployment needs 'startAt', the time to start it");
        }
        if (request.startAt() != null && request.startAt().isAfter(OffsetDateTime.now(ZoneOffset.UTC).plus(config.maxScheduleAhead()))) {
            throw new ProblemException.InvalidInput("'startAt' can be at most " + config.maxScheduleAhead().toDays() + " days ahead");
        }
        return EnvironmentRef.<EnvironmentRef>findById(environment)
                .onItem().ifNull().failWith(() -> new EnvironmentNotFound(environment))
                .invoke(target -> requireDeployable(target))
                .chain(target -> deployments.findActive(environment)
                        .invoke(active -> {
                            if (active != null) {
                                throw new DeploymentInProgress(environment, active.id);
                            }
                        })
                        .chain(() -> {
                            Deployment deployment = newDeployment(target, request, actor, idempotencyKey);
                            return journal.changed(deployment, DeploymentJournal.eventFor(deployment))
                                    .call(view -> journal.info(deployment, null, "Queued by " + actor + ": " + request.strategy().id()
                                            + " rollout of version " + request.version() + " in " + deployment.plan.steps().size()
                                            + " steps" + (deployment.scheduledFor == null ? "" : ", scheduled for " + deployment.scheduledFor)
                                            + (deployment.dryRun ? " (dry run: no cluster credentials, nothing will be applied)" : "")));
                        }))
                .onFailure(ConstraintViolationException.class)
                .transform(raced -> new DeploymentInProgress(environment, null));
    }

    private void requireDeployable(EnvironmentRef target) {
        if (!target.enabled) {
            throw new ProblemException.Conflict("Environment '" + target.name + "' is disabled; enable it before deploying");
        }
        if (!target.dryRun && (target.cluster == null || target.cluster.get("credentialsSecret") == null)) {
            throw new ProblemException.Conflict("Environment '" + target.name + "' is live but names no credentialsSecret"
                    + " for its cluster; nothing could be applied");
        }
    }

    private Deployment newDeployment(EnvironmentRef target, DeployRequest request, String actor, String idempotencyKey) {
        RolloutPlan plan = planner.plan(target, request.strategy(), request.version(), request.optionsOrDefaults());
        Deployment deployment = new Deployment();
        deployment.id = UUID.randomUUID();
        deployment.environment = target.name;
        deployment.version = request.version();
        deployment.strategy = request.strategy();
        deployment.options = request.optionsOrDefaults();
        deployment.plan = plan;
        deployment.status = DeploymentStatus.QUEUED;
        deployment.dryRun = target.dryRun;
        deployment.scheduledFor = request.startAt();
        deployment.triggeredBy = request.startAt() != null ? TriggeredBy.SCHEDULED
                : request.triggeredBy() == null ? TriggeredBy.API : request.triggeredBy();
        deployment.requestedBy = actor;
        deployment.idempotencyKey = idempotencyKey;
        deployment.stepsTotal = plan.steps().size();
        deployment.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return deployment;
    }

    /** Stops a deployment: a queued one never starts, a running one stops before its next step. */
    public Uni<DeploymentView> abort(UUID id, String actor) {
        return Panache.withTransaction(() -> locked(id).chain(deployment -> {
            String at = deployment.status == DeploymentStatus.QUEUED ? "before it started"
                    : "at step " + (deployment.stepsDone + 1) + " of " + deployment.stepsTotal;
            deployment.transitionTo(DeploymentStatus.FAILED);
            deployment.error = "Aborted by " + actor + " " + at;
            return journal.log(deployment, "warn", deployment.currentStep, deployment.error)
                    .chain(() -> journal.changed(deployment, DeploymentJournal.eventFor(deployment)));
        })).call(notifier::ended);
    }

    /**
     * Undoes a deployment. A running one stops and its changes are reverted (status rolled_back; on a live cluster
     * the driver runs the undo steps, and the deployment reports rollingBack until they end);
     * a completed one is answered with a new deployment of the version that ran before it.
     */
    public Uni<Requested> rollback(UUID id, String actor) {
        return Panache.withTransaction(() -> locked(id).chain(deployment -> switch (deployment.status) {
                    case DEPLOYING -> deployment.dryRun ? revert(deployment, actor).map(view -> new Requested(view, false))
                            : deployment.reverting ? Uni.createFrom().failure(new ProblemException.Conflict(
                                    "Deployment " + id + " is already rolling back"))
                            : rollbacks.begin(deployment, "Rollback requested by " + actor + " at step " + (deployment.stepsDone + 1)
                                    + " of " + deployment.stepsTotal).map(view -> new Requested(view, false));
                    case COMPLETED -> redeployPrevious(deployment, actor).map(view -> new Requested(view, true));
                    case QUEUED -> Uni.createFrom().failure(new ProblemException.Conflict(
                            "Deployment " + id + " has not started: abort it instead"));
                    case FAILED, ROLLED_BACK -> Uni.createFrom().failure(new ProblemException.Conflict(
                            "Deployment " + id + " is " + deployment.status.id() + ": there is nothing of it to roll back"));
                }))
                .call(requested -> requested.deployment().status().isTerminal() ? notifier.ended(requested.deployment())
                        : Uni.createFrom().voidItem());
    }

    private Uni<DeploymentView> revert(Deployment deployment, String actor) {
        return EnvironmentRef.<EnvironmentRef>findById(deployment.environment)
                .chain(target -> deployments.findLastCompletedBefore(deployment.environment, deployment.createdAt)
                        .chain(previous -> {
                            RolloutPlan undo = planner.planRollback(target, deployment.strategy, previous == null ? null : previous.version);
                            deployment.transitionTo(DeploymentStatus.ROLLED_BACK);
                            deployment.error = "Rolled back by " + actor + " at step " + (deployment.stepsDone + 1) + " of " + deployment.stepsTotal;
                            Uni<Void> logged = journal.log(deployment, "warn", deployment.currentStep, deployment.error);
                            for (var step : undo.steps()) {
                                for (String operation : step.descriptions()) {
                                    logged = logged.chain(() -> journal.info(deployment, step.name(),
                                            (deployment.dryRun ? "[dry run] would " : "") + operation));
                                }
                            }
                            return logged.chain(() -> journal.changed(deployment, DeploymentJournal.eventFor(deployment)));
                        }));
    }

    private Uni<DeploymentView> redeployPrevious(Deployment completed, String actor) {
        return deployments.findActive(completed.environment)
                .invoke(active -> {
                    if (active != null) {
                        throw new DeploymentInProgress(completed.environment, active.id);
                    }
                })
                .chain(() -> deployments.findLastCompletedBefore(completed.environment, completed.createdAt))
                .onItem().ifNull().failWith(() -> new ProblemException.Conflict("No earlier completed deployment on '"
                        + completed.environment + "': there is no version to roll back to"))
                .chain(previous -> EnvironmentRef.<EnvironmentRef>findById(completed.environment)
                        .onItem().ifNull().failWith(() -> new EnvironmentNotFound(completed.environment))
                        .invoke(target -> requireDeployable(target))
                        .chain(target -> {
                            DeployRequest request = new DeployRequest(previous.version, completed.strategy, completed.options,
                                    TriggeredBy.API, null);
                            Deployment rollback = newDeployment(target, request, actor, null);
                            rollback.rollbackOf = completed.id;
                            return journal.changed(rollback, DeploymentJournal.eventFor(rollback))
                                    .call(view -> journal.info(rollback, null, "Queued by " + actor + ": rollback of deployment "
                                            + completed.id + " (" + completed.version + ") to version " + previous.version));
                        }));
    }

    /** The deployment, row-locked: a driver's step on it waits for this transaction, or this for the step. */
    private Uni<Deployment> locked(UUID id) {
        return deployments.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> new DeploymentNotFound(id.toString()));
    }

    @WithSession
    public Uni<DeploymentView> get(UUID id) {
        return find(id).map(DeploymentView::of);
    }

    @WithSession
    public Uni<ResultPage<DeploymentView>> list(DeploymentRepository.Filter filter, int page, int size) {
        return deployments.findMatching(filter, page, size)
                .chain(found -> deployments.countMatching(filter)
                        .map(total -> new ResultPage<>(found.stream().map(DeploymentView::of).toList(), page, size, total)));
    }

    /** An environment's deployment status: its active deployment if any, and its latest one. */
    public record EnvironmentStatus(String environment, boolean enabled, boolean dryRun, DeploymentView active, DeploymentView latest) {
    }

    @WithSession
    public Uni<EnvironmentStatus> statusOf(String environment) {
        return EnvironmentRef.<EnvironmentRef>findById(environment)
                .onItem().ifNull().failWith(() -> new EnvironmentNotFound(environment))
                .chain(target -> deployments.findActive(environment)
                        .chain(active -> deployments.findLatest(environment)
                                .map(latest -> new EnvironmentStatus(environment, target.enabled, target.dryRun,
                                        active == null ? null : DeploymentView.of(active),
                                        latest == null ? null : DeploymentView.of(latest)))));
    }

    /** Log lines after {@code after} (a line id), oldest first; {@code next} is what to pass to read on. */
    public record LogPage(UUID deploymentId, List<LogLine> lines, long next, DeploymentStatus status) {
    }

    @WithSession
    public Uni<LogPage> logs(UUID id, long after, int size) {
        return find(id).chain(deployment -> deployments.logsOf(id, after, size)
                .map(lines -> new LogPage(id, lines.stream().map(LogLine::of).toList(),
                        lines.isEmpty() ? after : lines.get(lines.size() - 1).id, deployment.status)));
    }

    private Uni<Deployment> find(UUID id) {
        return deployments.findById(id).onItem().ifNull().failWith(() -> new DeploymentNotFound(id.toString()));
    }
}
