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

/**
 * A failed or rolled-back deployment is an alert on its environment (one per environment, counted on
 * repeats); the next deployment that completes there resolves both.
 */
@ApplicationScoped
public class DeploymentAlerts {

    static final String SOURCE = "deployment";
    static final String FAILED = "deployment-failed";
    static final String ROLLED_BACK = "deployment-rolled-back";
    private static final String CONSUMER = "alert-service.deployments";
    private static final Set<String> WANTED = Set.of(EventTypes.DEPLOYMENT_FAILED, EventTypes.DEPLOYMENT_ROLLED_BACK,
            EventTypes.DEPLOYMENT_COMPLETED);

    private final EventIntake intake;
    private final Alerts alerts;

    public DeploymentAlerts(EventIntake intake, Alerts alerts) {
        this.intake = intake;
        this.alerts = alerts;
    }

    @Incoming("deployment-events")
    public Uni<Void> consume(Message<String> message) {
        return intake.take(CONSUMER, message, WANTED::contains, this::apply);
    }

    private Uni<?> apply(String type, JsonNode deployment) {
        String environment = EventIntake.required(deployment, "environment");
        if (EventTypes.DEPLOYMENT_COMPLETED.equals(type)) {
            return alerts.resolveAll(environment, SOURCE, FAILED, "deployment-service")
                    .chain(() -> alerts.resolveAll(environment, SOURCE, ROLLED_BACK, "deployment-service"));
        }
        boolean failed = EventTypes.DEPLOYMENT_FAILED.equals(type);
        String error = deployment.path("error").asText("");
        String message = "Deployment " + deployment.path("id").asText("?") + " of version " + deployment.path("version").asText("?")
                + " to " + environment + " (" + deployment.path("strategy").asText("?")
                + (deployment.path("dryRun").asBoolean(false) ? ", dry run" : "") + ") "
                + (failed ? "failed" : "was rolled back") + (error.isBlank() ? "" : ": " + error);
        return alerts.raise(new Signal(environment, SOURCE, failed ? FAILED : ROLLED_BACK,
                failed ? Severity.ERROR : Severity.WARNING, message, Map.of()));
    }
}
