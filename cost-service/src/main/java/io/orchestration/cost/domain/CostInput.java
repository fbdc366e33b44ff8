package io.orchestration.cost.domain;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The seed's insertCost: one charge entered by hand. {@code period} defaults to daily, {@code currency} to the base. */
public record CostInput(
        @Size(max = 200) String environment,
        @NotBlank @Size(max = 100) String provider,
        @NotNull ResourceType resourceType,
        Period period,
        @NotNull LocalDate date,
        @NotNull BigDecimal amount,
        @Pattern(regexp = "[A-Z]{3}", message = "must be a three-letter ISO 4217 code such as USD") String currency,
        @Size(max = 100) String serviceCategory,
        @Size(max = 1000) String resourceId,
        @Size(max = 100) String region) {
}
