package io.orchestration.monitoring.storage;

import java.time.Instant;

/** One value of one series at one time, as it is written. */
public record SamplePoint(SeriesKey series, Instant at, double value) {
}
