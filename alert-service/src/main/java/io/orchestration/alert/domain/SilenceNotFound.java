package io.orchestration.alert.domain;

import io.orchestration.common.problem.ProblemException;

public class SilenceNotFound extends ProblemException.NotFound {
    public SilenceNotFound(String id) {
        super("Silence", id);
    }
}
