package io.orchestration.deployment.strategy;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/** One step of a rollout and the exact Kubernetes (or check) operations it performs. */
public record PlannedStep(String name, List<Operation> operations) {

    /** The operations as a dry run logs them. */
    @JsonIgnore
    public List<String> descriptions() {
        return operations.stream().map(Operation::describe).toList();
    }
}
