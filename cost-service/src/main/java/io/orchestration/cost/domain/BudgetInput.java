package io.orchestration.cost.domain;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/**
 * A budget as an operator declares it: for one environment or one provider, per period (monthly by default),
 * with thresholds as fractions of the amount (0.8 and 1 by default).
 */
public record BudgetInput(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 200) String environment,
        @Size(max = 100) String provider,
        @NotNull @Positive BigDecimal amount,
        @Pattern(regexp = "[A-Z]{3}", message = "must be a three-letter ISO 4217 code such as USD") String currency,
        Period period,
        @Size(min = 1, max = 10) List<@NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("10") BigDecimal> thresholds) {
}
