package io.orchestration.deployment.domain;

import io.orchestration.common.problem.ProblemException;
import io.orchestration.deployment.strategy.RolloutPlan;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** One rollout of a version to an environment, and how far it got. */
@Entity
@Table(name = "deployment")
public class Deployment extends PanacheEntityBase {

    @Id
    public UUID id;

    public String environment;

    public String version;

    @Convert(converter = Strategy.Column.class)
    public Strategy strategy;

    @JdbcTypeCode(SqlTypes.JSON)
    public DeployOptions options;

    /** The steps as planned when the deployment was requested, so a resumed rollout follows the same plan. */
    @JdbcTypeCode(SqlTypes.JSON)
    public RolloutPlan plan;

    @Convert(converter = DeploymentStatus.Column.class)
    public DeploymentStatus status;

    @Column(name = "dry_run")
    public boolean dryRun;

    @Convert(converter = TriggeredBy.Column.class)
    @Column(name = "triggered_by")
    public TriggeredBy triggeredBy;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "current_step")
    public String currentStep;

    @Column(name = "steps_done")
    public int stepsDone;

    @Column(name = "steps_total")
    public int stepsTotal;

    public String error;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "completed_at")
    public OffsetDateTime completedAt;

    /** Not before this time: set for scheduled deployments. */
    @Column(name = "scheduled_for")
    public OffsetDateTime scheduledFor;

    /** The deployment this one undoes, for a rollback of a completed deployment. */
    @Column(name = "rollback_of")
    public UUID rollbackOf;

    /** What the live rollout learnt from the cluster (see {@link io.orchestration.deployment.strategy.RolloutFacts}). */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> facts = new HashMap<>();

    /** The remaining steps undo the rollout (after a failure or a rollback request); at their end it is rolled_back. */
    public boolean reverting;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_expires_at")
    public OffsetDateTime leaseExpiresAt;

    @Version
    @Column(name = "row_version")
    public long rowVersion;

    /** Moves to {@code next} if the state machine allows it; refuses with 409 otherwise. */
    public void transitionTo(DeploymentStatus next) {
        if (!status.canBecome(next)) {
            throw new ProblemException.Conflict("Deployment " + id + " is " + status.id() + " and cannot become " + next.id());
        }
        status = next;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (next == DeploymentStatus.DEPLOYING) {
            startedAt = now;
        }
        if (next.isTerminal()) {
            completedAt = now;
            leaseOwner = null;
            leaseExpiresAt = null;
        }
    }

    /** Whole percent of steps done; 100 only when every step is. */
    public int progressPercent() {
        if (status == DeploymentStatus.COMPLETED) {
            return 100;
        }
        return stepsTotal == 0 ? 0 : Math.min(99, stepsDone * 100 / stepsTotal);
    }
}
