package io.orchestration.deployment.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orchestration.deployment.config.DeploymentConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Instant queries against the Prometheus HTTP API ({@code GET /api/v1/query}), non-blocking, each
 * bounded by a timeout. Anything but an instant vector fails with {@link PrometheusQueryFailed};
 * no answer at all fails with {@link PrometheusUnreachable}.
 */
@ApplicationScoped
public class PrometheusClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;

    @Inject
    public PrometheusClient(DeploymentConfig config) {
        this(config.canary().queryTimeout());
    }

    public PrometheusClient(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * The samples of the instant vector {@code promql} evaluates to now; empty when no series matches.
     * The Uni completes on a JDK HttpClient thread: a caller in a Vert.x context (Hibernate Reactive)
     * must switch back to it before touching its session.
     */
    public Uni<List<PrometheusSample>> instantQuery(URI prometheus, String promql) {
        HttpRequest request = HttpRequest.newBuilder(queryUri(prometheus, promql))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                // The request timeout stops at the response headers; this one bounds the whole exchange.
                .ifNoItem().after(timeout).failWith(() -> PrometheusUnreachable.noAnswerWithin(prometheus, timeout))
                .onFailure(failure -> !(failure instanceof PrometheusUnreachable))
                .transform(failure -> unreachable(prometheus, failure))
                .map(response -> samples(prometheus, promql, response));
    }

    private static URI queryUri(URI prometheus, String promql) {
        String base = prometheus.toString().replaceAll("/+$", "");
        return URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    private PrometheusUnreachable unreachable(URI prometheus, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return PrometheusUnreachable.noAnswerWithin(prometheus, timeout);
        }
        if (cause instanceof ConnectException) {
            return new PrometheusUnreachable(prometheus, "connection refused");
        }
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        return new PrometheusUnreachable(prometheus, (cause instanceof IOException ? "I/O error" : cause.getClass().getSimpleName()) + message);
    }

    private static List<PrometheusSample> samples(URI prometheus, String promql, HttpResponse<String> response) {
        JsonNode answer = parse(response.body());
        // Prometheus explains a rejected query in the body of its 4xx/5xx (bad_data, timeout, execution...).
        if (answer != null && "error".equals(answer.path("status").asText())) {
            throw PrometheusQueryFailed.rejected(prometheus, promql,
                    answer.path("errorType").asText("unknown"), answer.path("error").asText(""));
        }
        if (response.statusCode() != 200) {
            throw PrometheusQueryFailed.httpError(prometheus, promql, response.statusCode(), response.body());
        }
        if (answer == null || !"success".equals(answer.path("status").asText())) {
            throw PrometheusQueryFailed.unexpectedAnswer(prometheus, promql, "answered something that is not a Prometheus API response");
        }
        String resultType = answer.path("data").path("resultType").asText();
        if (!"vector".equals(resultType)) {
            throw PrometheusQueryFailed.unexpectedAnswer(prometheus, promql,
                    "answered a " + (resultType.isEmpty() ? "result without type" : resultType) + ", not an instant vector");
        }
        List<PrometheusSample> samples = new ArrayList<>();
        for (JsonNode series : answer.path("data").path("result")) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = series.path("metric").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> label = it.next();
                labels.put(label.getKey(), label.getValue().asText());
            }
            samples.add(new PrometheusSample(labels, sampleValue(prometheus, promql, series.path("value").path(1).asText(null))));
        }
        return samples;
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    /** Prometheus writes sample values as strings, the special ones as NaN, +Inf and -Inf. */
    private static double sampleValue(URI prometheus, String promql, String value) {
        if (value == null) {
            throw PrometheusQueryFailed.unexpectedAnswer(prometheus, promql, "answered a sample without a value");
        }
        return switch (value) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw PrometheusQueryFailed.unexpectedAnswer(prometheus, promql, "answered a sample value that is not a number: " + value);
                }
            }
        };
    }
}
