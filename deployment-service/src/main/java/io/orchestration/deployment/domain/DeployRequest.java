package io.orchestration.deployment.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.OffsetDateTime;

/**
 * What an operator asks for: a version (an image tag), a strategy, optional settings, and
 * optionally a time to start (a scheduled deployment).
 */
public record DeployRequest(
        @NotNull @Pattern(regexp = VERSION, message = "must be an image tag such as 1.2.3 or v24.1.0-rc1") String version,
        @NotNull Strategy strategy,
        @Valid DeployOptions options,
        TriggeredBy triggeredBy,
        @Future(message = "must be in the future") OffsetDateTime startAt) {

    /** The rules of a container image tag. */
    public static final String VERSION = "^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$";

    public DeployOptions optionsOrDefaults() {
        return options == null ? DeployOptions.DEFAULTS : options;
    }
}
