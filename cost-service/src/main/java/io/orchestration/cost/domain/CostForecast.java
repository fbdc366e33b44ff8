package io.orchestration.cost.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Month-end spend: month to date plus the average of the trailing days (up to 7, within the month's data)
 * for each day left.
 */
public record CostForecast(String month, LocalDate asOf, String currency, BigDecimal monthToDate, BigDecimal dailyRate,
                           int rateDays, int daysRemaining, BigDecimal forecast) {
}
