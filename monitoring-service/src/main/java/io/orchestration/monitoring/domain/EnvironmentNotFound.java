package io.orchestration.monitoring.domain;

import io.orchestration.common.problem.ProblemException;

public class EnvironmentNotFound extends ProblemException.NotFound {
    public EnvironmentNotFound(String name) {
        super("Environment", name);
    }
}
