package io.orchestration.cost.domain;

import io.orchestration.common.problem.ProblemException;

public class BudgetNotFound extends ProblemException.NotFound {
    public BudgetNotFound(String id) {
        super("Budget", id);
    }
}
