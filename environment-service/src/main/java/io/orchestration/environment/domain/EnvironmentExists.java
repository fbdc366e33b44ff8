package io.orchestration.environment.domain;

import io.orchestration.common.problem.ProblemException;

public class EnvironmentExists extends ProblemException.Conflict {
    public EnvironmentExists(String name) {
        super("Environment '" + name + "' already exists");
    }
}
