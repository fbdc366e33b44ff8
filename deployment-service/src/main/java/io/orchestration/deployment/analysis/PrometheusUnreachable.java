package io.orchestration.deployment.analysis;

import io.orchestration.common.problem.ProblemException;

import java.net.URI;
import java.time.Duration;

/** Prometheus could not be asked at all: refused connection, unknown host, or no answer in time. */
public class PrometheusUnreachable extends ProblemException.Unavailable {

    public PrometheusUnreachable(URI prometheus, String cause) {
        super("Prometheus at " + prometheus + " is unreachable: " + cause);
    }

    static PrometheusUnreachable noAnswerWithin(URI prometheus, Duration timeout) {
        return new PrometheusUnreachable(prometheus, "no answer within " + timeout.toMillis() + " ms");
    }
}
