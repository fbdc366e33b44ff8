package io.orchestration.deployment.domain;

import io.orchestration.common.problem.ProblemException;

import java.util.Map;

/** 409: the environment already has a queued or running deployment. */
public class DeploymentInProgress extends ProblemException {
    public DeploymentInProgress(String environment, Object activeId) {
        super(409, "deployment-in-progress", "Deployment in progress",
                "Environment '" + environment + "' already has an active deployment"
                        + (activeId == null ? "" : " (" + activeId + ")") + "; wait for it to end or abort it",
                activeId == null ? Map.of("environment", environment) : Map.of("environment", environment, "activeDeployment", activeId.toString()));
    }
}
