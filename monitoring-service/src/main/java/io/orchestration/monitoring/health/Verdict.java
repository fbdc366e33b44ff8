package io.orchestration.monitoring.health;

import io.orchestration.monitoring.domain.Health;

import java.util.List;

/** A health and the reasons for it, plus the block tracking the next verdict starts from. */
public record Verdict(Health health, List<String> reasons, Long lastBlock, int stalledIntervals) {

    public Verdict {
        reasons = List.copyOf(reasons);
    }
}
