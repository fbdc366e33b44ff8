package io.orchestration.cost.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/** Totals of a range in one currency; unallocated spend is under {@value #UNALLOCATED} in byEnvironment. */
public record CostSummary(LocalDate from, LocalDate to, String currency, BigDecimal total,
                          Map<String, BigDecimal> byProvider, Map<String, BigDecimal> byEnvironment,
                          Map<String, BigDecimal> byResourceType, Map<String, BigDecimal> byServiceCategory) {

    public static final String UNALLOCATED = "(unallocated)";
}
