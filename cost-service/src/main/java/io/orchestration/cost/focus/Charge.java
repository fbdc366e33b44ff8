package io.orchestration.cost.focus;

import io.orchestration.cost.domain.Period;
import io.orchestration.cost.domain.ResourceType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One valid row of a FOCUS file, mapped to an environment (null: unallocated). */
public record Charge(String environment, String provider, ResourceType resourceType, String serviceCategory,
                     String resourceId, String region, Period period, OffsetDateTime chargeStart, OffsetDateTime chargeEnd,
                     LocalDate usageDate, BigDecimal amount, String currency) {
}
