package io.orchestration.alert.events;

import io.orchestration.outbox.EventIntake;
import com.fasterxml.jackson.databind.JsonNode;
import io.orchestration.alert.domain.Severity;
import io.orchestration.alert.domain.Signal;
import io.orchestration.alert.service.Alerts;
import io.orchestration.common.events.EventTypes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.Map;
import java.util.Set;

/** A budget threshold crossed is an alert per budget (an error once spend passes the limit); a cost anomaly is a warning. */
@ApplicationScoped
public class CostAlerts {

    static final String SOURCE = "cost";
    static final String BUDGET = "budget-threshold-crossed";
    static final String ANOMALY = "cost-anomaly";
    private static final String CONSUMER = "alert-service.costs";
    private static final Set<String> WANTED = Set.of(EventTypes.COST_BUDGET_THRESHOLD_CROSSED, EventTypes.COST_ANOMALY_DETECTED);

    private final EventIntake intake;
    private final Alerts alerts;

    public CostAlerts(EventIntake intake, Alerts alerts) {
        this.intake = intake;
        this.alerts = alerts;
    }

    @Incoming("cost-events")
    public Uni<Void> consume(Message<String> message) {
        return intake.take(CONSUMER, message, WANTED::contains, this::apply);
    }

    private Uni<?> apply(String type, JsonNode data) {
        String environment = EventIntake.required(data, "environment");
        String currency = data.path("currency").asText("USD");
        if (EventTypes.COST_ANOMALY_DETECTED.equals(type)) {
            String message = "Spend of " + environment + " on " + data.path("date").asText("?") + " was "
                    + data.path("amount").asText("?") + " " + currency + ", expected about " + data.path("expected").asText("?")
                    + " (deviation " + data.path("deviation").asText("?") + ")";
            return alerts.raise(new Signal(environment, SOURCE, ANOMALY, Severity.WARNING, message, Map.of()));
        }
        String budgetId = EventIntake.required(data, "budgetId");
        double threshold = data.path("threshold").asDouble();
        String message = "Budget " + data.path("budgetName").asText(budgetId) + " of " + environment + ": "
                + data.path("amount").asText("?") + " " + currency + " spent of " + data.path("limit").asText("?")
                + " (" + Math.round(threshold * 100) + " % threshold of the " + data.path("period").asText("?") + " budget crossed)";
        return alerts.raise(new Signal(environment, SOURCE, BUDGET, threshold >= 1.0 ? Severity.ERROR : Severity.WARNING,
                message, Map.of("budgetId", budgetId)));
    }
}
