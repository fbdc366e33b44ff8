package io.orchestration.alert.alertmanager;

import io.orchestration.alert.domain.Limits;
import io.orchestration.alert.domain.Severity;
import io.orchestration.alert.domain.Signal;
import io.orchestration.alert.service.Alerts;
import io.orchestration.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an Alertmanager notification into portal alerts: each firing alert is raised (a repeat counts on
 * the same alert), each resolved one resolves it. The whole notification is checked before anything is
 * stored, and stored in one transaction.
 */
@ApplicationScoped
public class AlertmanagerIntake {

    public static final String SOURCE = "alertmanager";
    private static final Map<String, Severity> SEVERITIES = Map.ofEntries(
            Map.entry("critical", Severity.ERROR), Map.entry("error", Severity.ERROR), Map.entry("page", Severity.ERROR),
            Map.entry("high", Severity.ERROR), Map.entry("warning", Severity.WARNING), Map.entry("warn", Severity.WARNING),
            Map.entry("medium", Severity.WARNING), Map.entry("info", Severity.INFO), Map.entry("low", Severity.INFO),
            Map.entry("none", Severity.INFO));

    private final Alerts alerts;

    public AlertmanagerIntake(Alerts alerts) {
        this.alerts = alerts;
    }

    /** How many alerts of a notification fired and how many resolved. */
    public record Received(int firing, int resolved) {
    }

    @WithTransaction
    public Uni<Received> receive(AlertmanagerPayload payload) {
        List<Signal> firing = new ArrayList<>();
        List<Signal> resolved = new ArrayList<>();
        for (int i = 0; i < payload.alerts().size(); i++) {
            AlertmanagerPayload.Alert alert = payload.alerts().get(i);
            Signal signal = signalOf(alert, "alerts[" + i + "]");
            ("resolved".equals(alert.status()) ? resolved : firing).add(signal);
        }
        return Multi.createFrom().iterable(firing)
                .onItem().transformToUniAndConcatenate(alerts::raise)
                .collect().last()
                .chain(() -> Multi.createFrom().iterable(resolved)
                        .onItem().transformToUniAndConcatenate(signal -> alerts.resolve(signal, SOURCE))
                        .collect().last())
                .replaceWith(new Received(firing.size(), resolved.size()));
    }

    /** alertname names the alert, an environment label places it, severity grades it; the other labels identify it. */
    static Signal signalOf(AlertmanagerPayload.Alert alert, String field) {
        Map<String, String> labels = new LinkedHashMap<>(alert.labels());
        String name = labels.remove("alertname");
        if (name == null || name.isBlank() || name.length() > Limits.MAX_NAME) {
            throw new ProblemException.InvalidInput("Field '" + field + ".labels.alertname': every alert needs an alertname of 1 to "
                    + Limits.MAX_NAME + " characters");
        }
        String environment = labels.remove("environment");
        if (environment != null && (environment.length() > Limits.MAX_ENVIRONMENT || !environment.matches(Limits.ENVIRONMENT))) {
            throw new ProblemException.InvalidInput("Field '" + field + ".labels.environment': '" + environment
                    + "' is not an environment name (lower-case letters, digits, dashes)");
        }
        String severityLabel = labels.remove("severity");
        Severity severity = severityLabel == null ? Severity.WARNING : SEVERITIES.get(severityLabel.toLowerCase(Locale.ROOT));
        if (severity == null) {
            throw new ProblemException.InvalidInput("Field '" + field + ".labels.severity': '" + severityLabel
                    + "' is not a severity (critical, error, warning, info, or their usual aliases)");
        }
        Map<String, String> annotations = alert.annotations() == null ? Map.of() : alert.annotations();
        String message = annotations.getOrDefault("summary", annotations.getOrDefault("description", name));
        return new Signal(environment, SOURCE, name, severity, message, labels);
    }
}
