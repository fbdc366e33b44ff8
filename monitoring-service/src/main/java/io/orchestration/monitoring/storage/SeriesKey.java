package io.orchestration.monitoring.storage;

/** What one time series measures: one metric of one service of one environment. */
public record SeriesKey(String environment, String serviceType, String serviceName, String metric) {
}
