package io.orchestration.deployment.analysis;

import io.orchestration.common.problem.ProblemException;
import io.orchestration.deployment.analysis.CanaryVerdict.Outcome;
import io.orchestration.deployment.config.DeploymentConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * The error-rate gate of a canary step: evaluates the configured PromQL for one workload's canary and
 * holds the rate against the threshold. No number (no series, or NaN because no request reached the
 * canary) is INCONCLUSIVE, which rolls back unless {@code deployment.canary.inconclusive-fails} is false.
 */
@ApplicationScoped
public class CanaryAnalysis {

    /** Kubernetes object names (RFC 1123); anything else could break out of the query's label matchers. */
    private static final Pattern KUBERNETES_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    private final PrometheusClient prometheus;
    private final String errorRateQuery;
    private final boolean inconclusiveFails;

    @Inject
    public CanaryAnalysis(PrometheusClient prometheus, DeploymentConfig config) {
        this(prometheus, config.canary().errorRateQuery(), config.canary().inconclusiveFails());
    }

    /**
     * @param errorRateQuery    PromQL format string: %1$s is the namespace, %2$s the workload name
     * @param inconclusiveFails whether an INCONCLUSIVE verdict rolls back
     */
    public CanaryAnalysis(PrometheusClient prometheus, String errorRateQuery, boolean inconclusiveFails) {
        this.prometheus = prometheus;
        this.errorRateQuery = errorRateQuery;
        this.inconclusiveFails = inconclusiveFails;
    }

    public Uni<CanaryVerdict> analyse(URI prometheusUrl, String namespace, String workload, double maxErrorRate) {
        if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
            return Uni.createFrom().failure(new ProblemException.InvalidInput("maxErrorRate must be between 0 and 1, was " + maxErrorRate));
        }
        for (String name : List.of(namespace, workload)) {
            if (name == null || !KUBERNETES_NAME.matcher(name).matches()) {
                return Uni.createFrom().failure(new ProblemException.InvalidInput("'" + name + "' is not a Kubernetes name"));
            }
        }
        String query = String.format(Locale.ROOT, errorRateQuery, namespace, workload);
        return prometheus.instantQuery(prometheusUrl, query)
                .map(samples -> judge(samples, namespace + "/" + workload, maxErrorRate, query));
    }

    private CanaryVerdict judge(List<PrometheusSample> samples, String canary, double maxErrorRate, String query) {
        if (samples.isEmpty()) {
            return inconclusive(OptionalDouble.empty(), maxErrorRate, query,
                    "no error-rate data for the canary of " + canary + ": no series matched (not scraped, or no requests yet)");
        }
        // A query that keeps several series (no sum) is judged by its worst one.
        OptionalDouble worst = samples.stream().mapToDouble(PrometheusSample::value).filter(Double::isFinite).max();
        if (worst.isEmpty()) {
            double value = samples.get(0).value();
            return inconclusive(OptionalDouble.of(value), maxErrorRate, query, "the error rate of the canary of " + canary + " is "
                    + (Double.isNaN(value) ? "NaN: no requests reached it in the query's range" : value + ": the query divides by zero requests"));
        }
        double rate = worst.getAsDouble();
        if (rate > maxErrorRate) {
            return new CanaryVerdict(Outcome.FAILED, worst, maxErrorRate, true,
                    "the error rate of the canary of " + canary + " is " + percent(rate) + ", above the threshold " + percent(maxErrorRate), query);
        }
        return new CanaryVerdict(Outcome.PASSED, worst, maxErrorRate, false,
                "the error rate of the canary of " + canary + " is " + percent(rate) + ", within the threshold " + percent(maxErrorRate), query);
    }

    private CanaryVerdict inconclusive(OptionalDouble value, double maxErrorRate, String query, String reason) {
        return new CanaryVerdict(Outcome.INCONCLUSIVE, value, maxErrorRate, inconclusiveFails,
                reason + (inconclusiveFails ? "; counted as a failure" : "; not counted as a failure"), query);
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.2f%%", rate * 100);
    }
}
