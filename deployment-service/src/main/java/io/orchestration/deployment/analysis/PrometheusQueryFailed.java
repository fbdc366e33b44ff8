package io.orchestration.deployment.analysis;

import io.orchestration.common.problem.ProblemException;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prometheus answered, but not with an instant vector: it rejected the query (its own errorType and
 * error are kept), answered with an HTTP error, or returned another result type.
 */
public class PrometheusQueryFailed extends ProblemException {

    private final String errorType;

    private PrometheusQueryFailed(URI prometheus, String query, String errorType, String detail) {
        super(502, "prometheus-query-failed", "Prometheus query failed",
                "Prometheus at " + prometheus + " " + detail + " (query: " + query + ")", extensions(prometheus, query, errorType));
        this.errorType = errorType;
    }

    static PrometheusQueryFailed rejected(URI prometheus, String query, String errorType, String error) {
        return new PrometheusQueryFailed(prometheus, query, errorType, "rejected the query: " + errorType + ": " + error);
    }

    static PrometheusQueryFailed httpError(URI prometheus, String query, int status, String body) {
        return new PrometheusQueryFailed(prometheus, query, null, "answered HTTP " + status + ": " + abbreviate(body));
    }

    static PrometheusQueryFailed unexpectedAnswer(URI prometheus, String query, String what) {
        return new PrometheusQueryFailed(prometheus, query, null, what);
    }

    /** Prometheus' errorType (bad_data, timeout, execution, ...), or null when Prometheus gave none. */
    public String errorType() {
        return errorType;
    }

    private static Map<String, Object> extensions(URI prometheus, String query, String errorType) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("prometheus", prometheus.toString());
        extensions.put("query", query);
        if (errorType != null) {
            extensions.put("errorType", errorType);
        }
        return extensions;
    }

    private static String abbreviate(String body) {
        String oneLine = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}
