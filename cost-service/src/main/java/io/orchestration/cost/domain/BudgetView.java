package io.orchestration.cost.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A budget with its current period's spend. */
public record BudgetView(UUID id, String name, String environment, String provider, BigDecimal amount, String currency, Period period,
                         List<BigDecimal> thresholds, LocalDate periodStart, LocalDate periodEnd, BigDecimal spent, BigDecimal ratio,
                         String createdBy, OffsetDateTime createdAt) {
}
