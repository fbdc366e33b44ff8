package io.orchestration.cost.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A daily series, every day of the range present (0 when nothing was charged). */
public record CostTrend(LocalDate from, LocalDate to, int days, String currency, BigDecimal total, List<Point> series) {

    public record Point(LocalDate date, BigDecimal amount) {
    }
}
