package io.orchestration.alert.domain;

import io.orchestration.common.problem.ProblemException;

public class AlertNotFound extends ProblemException.NotFound {
    public AlertNotFound(String id) {
        super("Alert", id);
    }
}
