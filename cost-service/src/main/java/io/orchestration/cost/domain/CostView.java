package io.orchestration.cost.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A cost as the API shows it: its own amount and currency, and where it came from. */
public record CostView(long id, String environment, boolean unallocated, String provider, ResourceType resourceType,
                       String serviceCategory, String resourceId, String region, Period period,
                       OffsetDateTime chargeStart, OffsetDateTime chargeEnd, LocalDate date, BigDecimal amount,
                       String currency, CostSource source, UUID importId, String createdBy, OffsetDateTime createdAt) {

    public static CostView of(CostRecord cost) {
        return new CostView(cost.id, cost.environment, cost.environment == null, cost.provider, cost.resourceType,
                cost.serviceCategory, cost.resourceId, cost.region, cost.period, cost.chargeStart, cost.chargeEnd,
                cost.usageDate, cost.amount.stripTrailingZeros(), cost.currency.trim(), cost.source, cost.importId,
                cost.createdBy, cost.createdAt);
    }
}
