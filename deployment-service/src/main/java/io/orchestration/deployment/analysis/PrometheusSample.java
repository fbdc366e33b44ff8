package io.orchestration.deployment.analysis;

import java.util.Map;

/**
 * One series of an instant vector.
 *
 * @param labels the series' labels ({@code __name__} included when the query keeps it)
 * @param value  the sample's value; NaN and ±Infinity are legal PromQL results and kept as such
 */
public record PrometheusSample(Map<String, String> labels, double value) {
}
