package io.orchestration.alert.rest;

import io.orchestration.alert.domain.ChannelNotFound;
import io.orchestration.alert.domain.ChannelRequest;
import io.orchestration.alert.domain.ChannelView;
import io.orchestration.alert.service.ChannelService;
import io.orchestration.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Where alert notifications go: Slack, PagerDuty, email, signed webhooks. Admins configure; everyone may look (secrets masked). */
@Path("/api/notification-channels")
@Produces(MediaType.APPLICATION_JSON)
public class ChannelResource {

    private final ChannelService channels;
    private final SecurityIdentity caller;

    public ChannelResource(ChannelService channels, SecurityIdentity caller) {
        this.channels = channels;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List notification channels by name")
    public Uni<List<ChannelView>> list() {
        return channels.list();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One notification channel")
    public Uni<ChannelView> get(@PathParam("id") String id) {
        return channels.get(idOf(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a notification channel", description = "Routing: minSeverity and environments (empty: all);"
            + " timing: groupWait and repeatInterval as ISO-8601 durations (PT30S, PT4H).")
    public Uni<Response> create(@Valid @NotNull ChannelRequest request) {
        return channels.create(request, caller.getPrincipal().getName())
                .map(view -> Response.created(URI.create("/api/notification-channels/" + view.id())).entity(view).build());
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace a notification channel's settings")
    public Uni<ChannelView> update(@PathParam("id") String id, @Valid @NotNull ChannelRequest request) {
        return channels.update(idOf(id), request);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove a notification channel and its deliveries")
    public Uni<Response> delete(@PathParam("id") String id) {
        return channels.delete(idOf(id)).replaceWith(Response.noContent().build());
    }

    private static UUID idOf(String id) {
        return Ids.parse(id, ChannelNotFound::new);
    }
}
