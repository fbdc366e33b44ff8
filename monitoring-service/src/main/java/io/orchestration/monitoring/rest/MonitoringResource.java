package io.orchestration.monitoring.rest;

import io.orchestration.common.security.Roles;
import io.orchestration.monitoring.domain.DashboardView;
import io.orchestration.monitoring.domain.EnvironmentHealthView;
import io.orchestration.monitoring.domain.ServiceSettingView;
import io.orchestration.monitoring.domain.ServiceStatusView;
import io.orchestration.monitoring.sharding.ReplicaMembership;
import io.orchestration.monitoring.service.CollectionService;
import io.orchestration.monitoring.service.StatusService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

@Path("/api/monitoring")
@Produces(MediaType.APPLICATION_JSON)
public class MonitoringResource {

    private final StatusService statuses;
    private final CollectionService collection;

    private final ReplicaMembership membership;

    public MonitoringResource(StatusService statuses, CollectionService collection, ReplicaMembership membership) {
        this.membership = membership;
        this.statuses = statuses;
        this.collection = collection;
    }

    @GET
    @Path("/dashboard")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Every environment's service health and the count of services per health")
    public Uni<DashboardView> dashboard() {
        return statuses.dashboard();
    }

    @GET
    @Path("/replicas")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The replicas of monitoring-service, their heartbeats and the targets each collects",
            description = "Each target of the enabled environments is collected by exactly one live replica (rendezvous hashing"
                    + " over the replicas whose heartbeat is younger than the TTL).")
    public Uni<ReplicaMembership.ReplicasView> replicas() {
        return membership.view();
    }

    @GET
    @Path("/settings")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The administrator's service settings monitoring applies (enabled, collection interval)",
            description = "From admin-service's service-updated events; a disabled service type is not collected.")
    public Uni<List<ServiceSettingView>> settings() {
        return statuses.settings();
    }

    @GET
    @Path("/{type}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The latest status of one service type (besu, cacti, firefly, chainlink-ccip, cluster) in every environment")
    public Uni<List<ServiceStatusView>> ofType(@PathParam("type") String type) {
        return statuses.ofType(type);
    }

    @GET
    @Path("/services/{type}/{name}/status")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One service's latest status, in every environment or in ?environment=")
    public Uni<List<ServiceStatusView>> serviceStatus(@PathParam("type") String type, @PathParam("name") String name,
                                                      @QueryParam("environment") String environment) {
        return statuses.service(type, name, environment);
    }

    @GET
    @Path("/environments/{name}/health")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One environment's service health summary")
    public Uni<EnvironmentHealthView> environmentHealth(@PathParam("name") String name) {
        return statuses.environment(name);
    }

    @POST
    @Path("/environments/{name}/collect")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Collect every service of an environment now", description = "Reads every target of the environment"
            + " (whichever replica owns it), stores the samples, updates health and publishes the events; answers the health summary"
            + " after. Audited like every mutating call.")
    public Uni<EnvironmentHealthView> collect(@PathParam("name") String name) {
        return collection.collectNow(name);
    }
}
