package io.orchestration.monitoring.storage;

import java.time.OffsetDateTime;
import java.util.List;

/** One series over a range at one step: each point aggregates the samples of its step. */
public record MetricSeries(String serviceType, String serviceName, String metric, String source, List<Point> points) {

    public record Point(OffsetDateTime at, double avg, double min, double max, long count) {
    }
}
