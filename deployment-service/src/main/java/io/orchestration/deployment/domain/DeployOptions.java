package io.orchestration.deployment.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Per-deployment settings; anything left out takes the service's configured default.
 *
 * @param canarySteps     traffic percentages the canary goes through, increasing, ending at 100
 * @param pauseSeconds    how long each canary step runs before its analysis
 * @param maxErrorRate    the canary's highest acceptable error rate (0..1) at each analysis
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeployOptions(
        @Size(min = 1, max = 20) List<@NotNull @Min(1) @Max(100) Integer> canarySteps,
        @Min(0) @Max(3600) Integer pauseSeconds,
        @DecimalMin("0.0") @DecimalMax("1.0") Double maxErrorRate) {

    public static final DeployOptions DEFAULTS = new DeployOptions(null, null, null);

    @JsonIgnore
    @AssertTrue(message = "canarySteps must increase and end at 100")
    public boolean isCanaryStepsIncreasingToFull() {
        if (canarySteps == null || canarySteps.isEmpty() || canarySteps.contains(null)) {
            return true;
        }
        for (int i = 1; i < canarySteps.size(); i++) {
            if (canarySteps.get(i) <= canarySteps.get(i - 1)) {
                return false;
            }
        }
        return canarySteps.get(canarySteps.size() - 1) == 100;
    }
}
