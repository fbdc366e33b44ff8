package io.orchestration.alert.rest;

import io.orchestration.alert.domain.SilenceNotFound;
import io.orchestration.alert.domain.SilenceRequest;
import io.orchestration.alert.domain.SilenceView;
import io.orchestration.alert.service.SilenceService;
import io.orchestration.common.api.Paging;
import io.orchestration.common.api.ResultPage;
import io.orchestration.common.problem.ProblemException;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.UUID;

/** Silences mute notifications of matching alerts for a while; the alerts are still recorded. */
@Path("/api/alerts/silences")
@Produces(MediaType.APPLICATION_JSON)
public class SilenceResource {

    private final SilenceService silences;
    private final SecurityIdentity caller;

    public SilenceResource(SilenceService silences, SecurityIdentity caller) {
        this.silences = silences;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List silences, newest first", description = "all=true includes expired ones.")
    public Uni<ResultPage<SilenceView>> list(@QueryParam("all") String all, @QueryParam("page") String page,
                                             @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        if (all != null && !all.equals("true") && !all.equals("false")) {
            throw new ProblemException.InvalidInput("Query parameter 'all' must be true or false, not '" + all + "'");
        }
        return silences.list(!"true".equals(all), paging.page(), paging.size());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One silence")
    public Uni<SilenceView> get(@PathParam("id") String id) {
        return silences.get(idOf(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Create a silence", description = "Matchers {name, op (=, !=, =~, !~), value} on environment, source,"
            + " alertname, severity or any label; all must match. startsAt defaults to now; endsAt is required.")
    public Uni<Response> create(@Valid @NotNull SilenceRequest request) {
        return silences.create(request, caller.getPrincipal().getName())
                .map(view -> Response.created(URI.create("/api/alerts/silences/" + view.id())).entity(view).build());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Expire a silence now", description = "The silence stays listed (all=true) with who expired it.")
    public Uni<SilenceView> expire(@PathParam("id") String id) {
        return silences.expire(idOf(id), caller.getPrincipal().getName());
    }

    private static UUID idOf(String id) {
        return Ids.parse(id, SilenceNotFound::new);
    }
}
