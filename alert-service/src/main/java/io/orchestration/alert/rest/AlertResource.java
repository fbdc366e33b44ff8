package io.orchestration.alert.rest;

import io.orchestration.alert.demo.DemoAlerts;
import io.orchestration.alert.domain.AlertNotFound;
import io.orchestration.alert.domain.AlertRequest;
import io.orchestration.alert.domain.AlertView;
import io.orchestration.alert.domain.DeliveryView;
import io.orchestration.alert.service.AlertService;
import io.orchestration.alert.service.ChannelService;
import io.orchestration.common.api.Paging;
import io.orchestration.common.api.ResultPage;
import io.orchestration.common.problem.ProblemException;
import io.orchestration.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private final AlertService alerts;
    private final ChannelService channels;
    private final SecurityIdentity caller;

    public AlertResource(AlertService alerts, ChannelService channels, SecurityIdentity caller) {
        this.alerts = alerts;
        this.channels = channels;
        this.caller = caller;
    }

    @GET
    @Path("/alerts")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List alerts, most recently seen first",
            description = "Filters: environment, severity (error|warning|info), status (firing|resolved), unacknowledged_only, source.")
    public Uni<ResultPage<AlertView>> list(@QueryParam("environment") String environment, @BeanParam AlertQuery query) {
        Paging paging = query.paging();
        return alerts.list(query.filter(environment == null || environment.isBlank() ? null : environment), paging.page(), paging.size());
    }

    @GET
    @Path("/environments/{name}/alerts")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One environment's alerts, most recently seen first", description = "Same filters as /api/alerts.")
    public Uni<ResultPage<AlertView>> ofEnvironment(@PathParam("name") String environment, @BeanParam AlertQuery query) {
        Paging paging = query.paging();
        return alerts.list(query.filter(environment), paging.page(), paging.size());
    }

    @GET
    @Path("/alerts/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One alert")
    public Uni<AlertView> get(@PathParam("id") String id) {
        return alerts.get(idOf(id));
    }

    @POST
    @Path("/alerts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Raise an alert", description = "201 with a new alert; 200 with the existing one when the same environment,"
            + " source, name and labels already have an alert (its count and lastSeen go up).")
    public Uni<Response> create(@Valid @NotNull AlertRequest request) {
        if (DemoAlerts.SOURCE.equals(request.source())) {
            throw new ProblemException.InvalidInput("Field 'source': 'demo' is reserved for the local profile's sample alerts");
        }
        return alerts.raise(request.toSignal())
                .map(raised -> Response.status(raised.created() ? Response.Status.CREATED : Response.Status.OK)
                        .location(URI.create("/api/alerts/" + raised.alert().id()))
                        .entity(raised.alert()).build());
    }

    // No @Consumes: these take no body, and a bodiless POST sends no Content-Type.
    @POST
    @Path("/alerts/{id}/acknowledge")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Acknowledge an alert", description = "Records who and when; acknowledging again keeps the first acknowledgement.")
    public Uni<AlertView> acknowledge(@PathParam("id") String id) {
        return alerts.acknowledge(idOf(id), actor());
    }

    @POST
    @Path("/alerts/{id}/resolve")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Resolve an alert", description = "Resolving a resolved alert changes nothing; a repeat of it fires it again.")
    public Uni<AlertView> resolve(@PathParam("id") String id) {
        return alerts.resolve(idOf(id), actor());
    }

    @GET
    @Path("/alerts/{id}/deliveries")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "An alert's notifications, oldest first", description = "Per channel: trigger or resolve, status"
            + " (pending, sent, failed, silenced, cancelled) and every try with the receiver's answer.")
    public Uni<List<DeliveryView>> deliveries(@PathParam("id") String id) {
        return channels.deliveriesOf(idOf(id));
    }

    private String actor() {
        return caller.getPrincipal().getName();
    }

    private static UUID idOf(String id) {
        return Ids.parse(id, AlertNotFound::new);
    }
}
