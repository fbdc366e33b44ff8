package io.orchestration.deployment.domain;

import io.orchestration.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeploymentStatusTest {

    @Test
    void queuedStartsOrIsDroppedButNeverCompletesDirectly() {
        assertTrue(DeploymentStatus.QUEUED.canBecome(DeploymentStatus.DEPLOYING));
        assertTrue(DeploymentStatus.QUEUED.canBecome(DeploymentStatus.FAILED));
        assertFalse(DeploymentStatus.QUEUED.canBecome(DeploymentStatus.COMPLETED));
        assertFalse(DeploymentStatus.QUEUED.canBecome(DeploymentStatus.ROLLED_BACK));
    }

    @Test
    void runningDeploymentEndsOneOfThreeWays() {
        assertTrue(DeploymentStatus.DEPLOYING.canBecome(DeploymentStatus.COMPLETED));
        assertTrue(DeploymentStatus.DEPLOYING.canBecome(DeploymentStatus.FAILED));
        assertTrue(DeploymentStatus.DEPLOYING.canBecome(DeploymentStatus.ROLLED_BACK));
        assertFalse(DeploymentStatus.DEPLOYING.canBecome(DeploymentStatus.QUEUED));
    }

    @Test
    void endedDeploymentNeverMovesAgain() {
        for (DeploymentStatus end : new DeploymentStatus[]{DeploymentStatus.COMPLETED, DeploymentStatus.FAILED, DeploymentStatus.ROLLED_BACK}) {
            assertTrue(end.isTerminal());
            for (DeploymentStatus next : DeploymentStatus.values()) {
                assertFalse(end.canBecome(next), end + " -> " + next);
            }
        }
    }

    @Test
    void transitionStampsTimesAndRefusesIllegalMoves() {
        Deployment deployment = new Deployment();
        deployment.id = UUID.randomUUID();
        deployment.status = DeploymentStatus.QUEUED;
        deployment.leaseOwner = "replica-1";

        deployment.transitionTo(DeploymentStatus.DEPLOYING);
        assertNotNull(deployment.startedAt);
        deployment.transitionTo(DeploymentStatus.COMPLETED);
        assertNotNull(deployment.completedAt);
        assertNull(deployment.leaseOwner, "an ended deployment holds no lease");
        assertEquals(100, deployment.progressPercent());

        ProblemException refused = assertThrows(ProblemException.class, () -> deployment.transitionTo(DeploymentStatus.DEPLOYING));
        assertEquals(409, refused.status());
    }
}
