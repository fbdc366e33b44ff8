package io.orchestration.deployment.service;

import io.orchestration.deployment.domain.Deployment;
import io.orchestration.deployment.domain.DeploymentView;
import io.orchestration.deployment.domain.EnvironmentNotFound;
import io.orchestration.deployment.domain.EnvironmentRef;
import io.orchestration.deployment.repository.DeploymentRepository;
import io.orchestration.deployment.strategy.PlannedStep;
import io.orchestration.deployment.strategy.RolloutPlan;
import io.orchestration.deployment.strategy.RolloutPlanner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a running live deployment around: the steps it has not finished are replaced by the steps that undo it. Its
 * driver notices at its next look (it keeps the lease, so no second driver races an operation still in flight) and
 * runs them like any other step: resumable, logged, abortable. At their end the deployment is rolled_back. Runs in
 * the caller's transaction, on the row-locked deployment.
 */
@ApplicationScoped
public class RollbackStarter {

    private final DeploymentRepository deployments;
    private final RolloutPlanner planner;
    private final DeploymentJournal journal;

    public RollbackStarter(DeploymentRepository deployments, RolloutPlanner planner, DeploymentJournal journal) {
        this.deployments = deployments;
        this.planner = planner;
        this.journal = journal;
    }

    public Uni<DeploymentView> begin(Deployment deployment, String reason) {
        return EnvironmentRef.<EnvironmentRef>findById(deployment.environment)
                .onItem().ifNull().failWith(() -> new EnvironmentNotFound(deployment.environment))
                .chain(target -> deployments.findLastCompletedBefore(deployment.environment, deployment.createdAt)
                        .chain(previous -> {
                            RolloutPlan undo = planner.planRollback(target, deployment.strategy, previous == null ? null : previous.version);
                            List<PlannedStep> steps = new ArrayList<>(deployment.plan.steps().subList(0, deployment.stepsDone));
                            steps.addAll(undo.steps());
                            deployment.plan = new RolloutPlan(steps);
                            deployment.stepsTotal = steps.size();
                            deployment.reverting = true;
                            deployment.error = reason;
                            return journal.log(deployment, "warn", deployment.currentStep, reason + "; rolling back in "
                                            + undo.steps().size() + " steps")
                                    .chain(() -> journal.changed(deployment, DeploymentJournal.eventFor(deployment)));
                        }));
    }
}
