package io.orchestration.deployment.rest;

import io.orchestration.common.api.Paging;
import io.orchestration.common.problem.ProblemException;
import io.orchestration.common.security.Roles;
import io.orchestration.deployment.domain.DeployRequest;
import io.orchestration.deployment.domain.DeploymentNotFound;
import io.orchestration.deployment.domain.DeploymentStatus;
import io.orchestration.deployment.domain.DeploymentView;
import io.orchestration.deployment.domain.Strategy;
import io.orchestration.deployment.repository.DeploymentRepository;
import io.orchestration.deployment.service.DeploymentService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class DeploymentResource {

    private static final int MAX_IDEMPOTENCY_KEY = 200;

    private final DeploymentService deployments;
    private final SecurityIdentity caller;

    public DeploymentResource(DeploymentService deployments, SecurityIdentity caller) {
        this.deployments = deployments;
        this.caller = caller;
    }

    @POST
    @Path("/environments/{name}/deploy")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Start a deployment", description = "202 with the queued deployment; an Idempotency-Key header makes retries"
            + " safe (the same key returns the first deployment with 200); 409 while another deployment is active.")
    public Uni<Response> deploy(@PathParam("name") String environment, @Valid @NotNull DeployRequest request,
                                @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            throw new ProblemException.InvalidInput("Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters");
        }
        return deployments.request(environment, request, caller.getPrincipal().getName(), idempotencyKey)
                .map(requested -> Response.status(requested.created() ? Response.Status.ACCEPTED : Response.Status.OK)
                        .location(URI.create("/api/deployments/" + requested.deployment().id()))
                        .entity(requested.deployment()).build());
    }

    @GET
    @Path("/environments/{name}/status")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "An environment's deployment status: its active and its latest deployment")
    public Uni<DeploymentService.EnvironmentStatus> status(@PathParam("name") String environment) {
        return deployments.statusOf(environment);
    }

    @GET
    @Path("/deployments")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List deployments, newest first", description = "Filters: environment, status, strategy, version, from/to (ISO-8601 times of creation).")
    public Uni<?> list(@QueryParam("environment") String environment, @QueryParam("status") String status,
                       @QueryParam("strategy") String strategy, @QueryParam("version") String version,
                       @QueryParam("from") String from, @QueryParam("to") String to,
                       @QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        DeploymentRepository.Filter filter = new DeploymentRepository.Filter(blankToNull(environment), statusOf(status),
                strategyOf(strategy), blankToNull(version), timeOf("from", from), timeOf("to", to));
        return deployments.list(filter, paging.page(), paging.size());
    }

    @GET
    @Path("/deployments/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One deployment with its progress")
    public Uni<DeploymentView> get(@PathParam("id") String id) {
        return deployments.get(idOf(id));
    }

    @GET
    @Path("/deployments/{id}/logs")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "A deployment's log, oldest first", description = "Pass the answer's 'next' as 'after' to read on; lines also arrive live as deployment-log.")
    public Uni<DeploymentService.LogPage> logs(@PathParam("id") String id, @QueryParam("after") String after,
                                               @QueryParam("size") String size) {
        long afterId = after == null || after.isBlank() ? 0 : parseAfter(after);
        return deployments.logs(idOf(id), afterId, Paging.of(null, size).size());
    }

    @POST
    @Path("/deployments/{id}/abort")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Abort a queued or running deployment")
    public Uni<DeploymentView> abort(@PathParam("id") String id) {
        return deployments.abort(idOf(id), caller.getPrincipal().getName());
    }

    @POST
    @Path("/deployments/{id}/rollback")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Roll back a deployment", description = "A running dry-run deployment is stopped and reverted at once (200,"
            + " rolled_back); a running live one stops and its undo steps run (202, rollingBack, then rolled_back); a completed one"
            + " gets a new deployment of the version that ran before it (202).")
    public Uni<Response> rollback(@PathParam("id") String id) {
        return deployments.rollback(idOf(id), caller.getPrincipal().getName())
                .map(result -> Response.status(result.deployment().status().isTerminal() ? Response.Status.OK : Response.Status.ACCEPTED)
                        .location(URI.create("/api/deployments/" + result.deployment().id()))
                        .entity(result.deployment()).build());
    }

    private static UUID idOf(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new DeploymentNotFound(id);
        }
    }

    private static long parseAfter(String after) {
        try {
            long value = Long.parseLong(after.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ProblemException.InvalidInput("Query parameter 'after' must be a log line id (a whole number >= 0), not '" + after + "'");
    }

    private static DeploymentStatus statusOf(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        DeploymentStatus status = DeploymentStatus.fromId(id);
        if (status == null) {
            throw new ProblemException.InvalidInput("Query parameter 'status' must be one of queued, deploying, completed, failed, rolled_back, not '" + id + "'");
        }
        return status;
    }

    private static Strategy strategyOf(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return Strategy.fromId(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException.InvalidInput("Query parameter 'strategy' must be one of rolling, blue-green, canary, not '" + id + "'");
        }
    }

    private static OffsetDateTime timeOf(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new ProblemException.InvalidInput("Query parameter '" + name + "' must be an ISO-8601 time such as 2026-11-24T10:00:00Z, not '" + text + "'");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
