package io.orchestration.deployment.domain;

import io.orchestration.common.problem.ProblemException;

public class DeploymentNotFound extends ProblemException.NotFound {
    public DeploymentNotFound(String id) {
        super("Deployment", id);
    }
}
