package io.orchestration.cost.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** Usage and cost per region in a range, and every resource charged in a region its environment's policy forbids. */
public record RegionUsage(LocalDate from, LocalDate to, String currency, List<Region> regions, List<Violation> violations) {

    /** One region; "(none)" holds charges without a region. */
    public record Region(String region, List<String> providers, List<String> environments, long resources, BigDecimal cost) {
    }

    public record Violation(String environment, String resourceId, String region, String provider, BigDecimal cost,
                            List<String> allowed, List<String> denied, OffsetDateTime firstSeen) {
    }
}
