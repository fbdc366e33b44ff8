package io.orchestration.deployment.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A log line as the API and the live feed show it. */
public record LogLine(long id, UUID deploymentId, OffsetDateTime at, String level, String step, String message) {

    public static LogLine of(DeploymentLog log) {
        return new LogLine(log.id, log.deploymentId, log.at, log.level, log.step, log.message);
    }
}
