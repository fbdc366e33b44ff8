package io.orchestration.alert.rest;

import io.orchestration.alert.alertmanager.AlertmanagerIntake;
import io.orchestration.alert.alertmanager.AlertmanagerPayload;
import io.orchestration.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Alertmanager's webhook receiver, so an existing Prometheus setup feeds the portal. */
@Path("/api/alerts/alertmanager")
@Produces(MediaType.APPLICATION_JSON)
public class AlertmanagerResource {

    private final AlertmanagerIntake intake;

    public AlertmanagerResource(AlertmanagerIntake intake) {
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Receive an Alertmanager notification (webhook payload version 4)",
            description = "Configure a webhook_configs receiver with send_resolved: true and an operator's bearer token in"
                    + " http_config.authorization. Labels alertname, environment and severity become the alert's name,"
                    + " environment and severity; summary (or description) its message.")
    public Uni<AlertmanagerIntake.Received> receive(@Valid @NotNull AlertmanagerPayload payload) {
        return intake.receive(payload);
    }
}
