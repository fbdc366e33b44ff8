package io.orchestration.monitoring.storage;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/** A chart's answer: which rollup served it, at which step, and the series. */
public record MetricsRange(String environment, OffsetDateTime from, OffsetDateTime to, Duration step, String resolution,
                           List<MetricSeries> series) {
}
