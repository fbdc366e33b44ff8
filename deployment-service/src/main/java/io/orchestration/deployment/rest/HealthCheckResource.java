package io.orchestration.deployment.rest;

import io.orchestration.common.problem.ProblemException;
import io.orchestration.common.security.Roles;
import io.orchestration.deployment.domain.Color;
import io.orchestration.deployment.health.HealthReport;
import io.orchestration.deployment.service.HealthCheckService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/environments/{name}/health-check")
@Produces(MediaType.APPLICATION_JSON)
public class HealthCheckResource {

    private final HealthCheckService healthChecks;

    public HealthCheckResource(HealthCheckService healthChecks) {
        this.healthChecks = healthChecks;
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Health-check an environment now", description = "Runs the JSON-RPC checks against the environment's besuRpc"
            + " endpoint (answers, block number advancing, in sync, peers) and the Kubernetes checks in the environment's namespace"
            + " (pods Ready, only those labelled color=<color> when asked; Services with endpoints; skipped for dry-run"
            + " environments); 200 with every check, healthy or not; 422 when the environment has no besuRpc endpoint.")
    public Uni<HealthReport> check(@PathParam("name") String environment, @QueryParam("color") String color) {
        return healthChecks.check(environment, colorOf(color));
    }

    private static Color colorOf(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        Color color = Color.fromId(id);
        if (color == null) {
            throw new ProblemException.InvalidInput("Query parameter 'color' must be blue or green, not '" + id + "'");
        }
        return color;
    }
}
