package io.orchestration.outbox;

import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every successful mutating API call (POST, PUT, PATCH, DELETE answered 2xx) of a service with a database is
 * recorded as an {@code audit.recorded} event through the outbox; admin-service keeps them in its hash-chained log.
 * One filter for every endpoint, so a new endpoint cannot be forgotten. The client's address is the one Quarkus
 * resolved: X-Forwarded-For counts only from the trusted proxies (the gateway; {@code quarkus.http.proxy.*}).
 * The record commits right after the call's own transaction, not inside it: a crash between the two loses
 * that one record (the call's own events are unaffected).
 */
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

    /**
     * The routing-context key under which an endpoint without a caller's identity names the actor it acted for
     * (a login names the user who logged in).
     */
    public static final String ACTOR = "audit.actor";

    private final Outbox outbox;
    private final String service;
    private final CurrentIdentityAssociation identities;

    public AuditTrail(Outbox outbox, @ConfigProperty(name = "quarkus.application.name") String service,
                      CurrentIdentityAssociation identities) {
        this.outbox = outbox;
        this.service = service;
        this.identities = identities;
    }

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response, SimpleResourceInfo resource,
                            RoutingContext http) {
        if (!MUTATING.contains(request.getMethod()) || response.getStatus() >= 300 || resource == null
                || resource.getResourceClass() == null) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity().chain(identity -> record(request, response, resource, identity, http));
    }

    private Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response, SimpleResourceInfo resource,
                             SecurityIdentity identity, RoutingContext http) {
        String path = request.getUriInfo().getPath();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("service", service);
        String namedActor = http.get(ACTOR);
        data.put("actor", namedActor != null ? namedActor
                : identity == null || identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName());
        data.put("clientIp", http.request().remoteAddress() == null ? null : http.request().remoteAddress().hostAddress());
        data.put("roles", identity == null ? List.of() : identity.getRoles().stream().sorted().toList());
        data.put("action", resource.getResourceClass().getSimpleName() + "." + resource.getMethodName());
        data.put("method", request.getMethod());
        data.put("path", path);
        Map<String, List<String>> pathParameters = request.getUriInfo().getPathParameters();
        String[] resourceRef = resourceOf(path, pathParameters, response.getHeaderString("Location"));
        data.put("resourceType", resourceRef[0]);
        data.put("resourceId", resourceRef[1]);
        data.put("status", response.getStatus());
        data.put("details", Map.of("pathParameters", single(pathParameters), "query", single(request.getUriInfo().getQueryParameters())));
        data.put("at", OffsetDateTime.now(ZoneOffset.UTC).toString());
        return Panache.withTransaction(() -> outbox.publish(Topics.AUDIT, service, EventTypes.AUDIT_RECORDED, path, data))
                .onFailure().invoke(failure -> LOG.errorf(failure, "Audit record of %s %s could not be written", request.getMethod(), path))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * What the call acted on: the first path parameter and the literal segment before it
     * ({@code /api/environments/x/deploy} -> environments, x); without one, the last segment and the id the answer's
     * Location names ({@code POST /api/admin/users} -> users, bob).
     */
    static String[] resourceOf(String path, Map<String, List<String>> pathParameters, String location) {
        List<String> segments = List.of(path.replaceFirst("^/", "").split("/"));
        for (int i = 1; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (pathParameters.values().stream().anyMatch(values -> values.contains(segment))) {
                return new String[]{segments.get(i - 1), segment};
            }
        }
        String id = location == null ? null : location.substring(location.lastIndexOf('/') + 1);
        return new String[]{segments.get(segments.size() - 1), id};
    }

    private static Map<String, String> single(Map<String, List<String>> parameters) {
        Map<String, String> flat = new LinkedHashMap<>();
        parameters.forEach((name, values) -> flat.put(name, String.join(",", values)));
        return flat;
    }
}
