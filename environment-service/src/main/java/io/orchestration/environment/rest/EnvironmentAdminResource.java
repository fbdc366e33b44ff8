package io.orchestration.environment.rest;

import io.orchestration.common.problem.ProblemException;
import io.orchestration.common.security.Roles;
import io.orchestration.environment.domain.EnvironmentSpec;
import io.orchestration.environment.domain.EnvironmentView;
import io.orchestration.environment.service.CatalogueStatus;
import io.orchestration.environment.service.CatalogueSync;
import io.orchestration.environment.service.EnvironmentService;
import io.orchestration.environment.service.SyncReport;
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

/** Changes to environments and the catalogue: admin only, each one an event and a catalogue write. */
@Path("/api/admin/environments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class EnvironmentAdminResource {

    /** Body of a toggle: the wanted state, or nothing to flip the current one. */
    public record ToggleRequest(Boolean enabled) {
    }

    private final EnvironmentService environments;
    private final CatalogueSync catalogue;
    private final SecurityIdentity caller;

    public EnvironmentAdminResource(EnvironmentService environments, CatalogueSync catalogue, SecurityIdentity caller) {
        this.environments = environments;
        this.catalogue = catalogue;
        this.caller = caller;
    }

    @PUT
    @Path("/{name}/toggle")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enable or disable an environment", description = "Body {\"enabled\": true|false}; no body flips the current state.")
    public Uni<EnvironmentView> toggle(@PathParam("name") String name, ToggleRequest request) {
        return environments.toggle(name, request == null ? null : request.enabled(), actor());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an environment to the catalogue")
    public Uni<Response> create(@Valid @NotNull EnvironmentSpec spec) {
        return environments.create(spec, actor())
                .map(view -> Response.created(URI.create("/api/environments/" + view.name())).entity(view).build());
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace an environment's declaration", description = "Renaming is not supported: the body's name must match the path.")
    public Uni<EnvironmentView> update(@PathParam("name") String name, @Valid @NotNull EnvironmentSpec spec) {
        if (!name.equals(spec.name())) {
            throw new ProblemException.InvalidInput("The body names '" + spec.name() + "' but the path names '" + name
                    + "'; renaming an environment is not supported (create the new one, then delete the old)");
        }
        return environments.update(name, spec, actor());
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Remove an environment from the catalogue")
    public Uni<Response> delete(@PathParam("name") String name) {
        return environments.delete(name, actor()).replaceWith(Response.noContent().build());
    }

    // No @Consumes here: a bodiless POST (curl -X POST) sends no Content-Type and would get a 415.
    @POST
    @Path("/reload")
    @Operation(summary = "Reload the catalogue file", description = "422 with every fault (line and field) when the file is invalid; nothing changes then.")
    public Uni<SyncReport> reload() {
        return catalogue.reload(actor());
    }

    @GET
    @Path("/catalogue")
    @Operation(summary = "Outcome of the last catalogue load")
    public CatalogueStatus catalogueStatus() {
        return catalogue.status();
    }

    private String actor() {
        return caller.getPrincipal().getName();
    }
}
