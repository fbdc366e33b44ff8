package io.orchestration.deployment.domain;

import io.orchestration.common.problem.ProblemException;

public class EnvironmentNotFound extends ProblemException.NotFound {
    public EnvironmentNotFound(String name) {
        super("Environment", name);
    }
}
