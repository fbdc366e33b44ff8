package io.orchestration.admin.rest;

import io.orchestration.admin.configuration.ComponentUpdate;
import io.orchestration.admin.configuration.Configuration;
import io.orchestration.admin.domain.ComponentView;
import io.orchestration.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/** Service (besu, cacti, firefly, chainlink-ccip) and provider configuration: admin only. */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ComponentResource {

    private final Configuration configuration;
    private final SecurityIdentity caller;

    public ComponentResource(Configuration configuration, SecurityIdentity caller) {
        this.configuration = configuration;
        this.caller = caller;
    }

    @GET
    @Path("/services")
    @Operation(summary = "List the platform services' configuration")
    public Uni<List<ComponentView>> services() {
        return configuration.list("service");
    }

    @GET
    @Path("/services/{name}")
    public Uni<ComponentView> service(@PathParam("name") String name) {
        return configuration.get("service", name);
    }

    @PUT
    @Path("/services/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enable or disable a service and set its configuration", description = "Announced as service-updated.")
    public Uni<ComponentView> updateService(@PathParam("name") String name, @Valid @NotNull ComponentUpdate update) {
        return configuration.update("service", name, update, caller.getPrincipal().getName());
    }

    @GET
    @Path("/providers")
    @Operation(summary = "List the cloud providers' configuration")
    public Uni<List<ComponentView>> providers() {
        return configuration.list("provider");
    }

    @GET
    @Path("/providers/{name}")
    public Uni<ComponentView> provider(@PathParam("name") String name) {
        return configuration.get("provider", name);
    }

    @PUT
    @Path("/providers/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enable or disable a provider and set its configuration", description = "Announced as provider-updated.")
    public Uni<ComponentView> updateProvider(@PathParam("name") String name, @Valid @NotNull ComponentUpdate update) {
        return configuration.update("provider", name, update, caller.getPrincipal().getName());
    }
}
