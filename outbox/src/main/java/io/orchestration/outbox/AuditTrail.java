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
        data.put("action", resource.getResourceClass().getSimpleName() + "." + resource.getMethodName());
        data.put("method", request.getMethod());
        data.put("path", path);
        data.put("resourceType", resourceTypeOf(path));
        // A created resource is named by the Location the call answered; otherwise by the path.
        String location = response.getHeaderString("Location");
        data.put("resourceId", location != null ? location.substring(location.lastIndexOf('/') + 1) : resourceIdOf(path));
        data.put("status", response.getStatus());
        data.put("at", OffsetDateTime.now(ZoneOffset.UTC).toString());
        return Panache.withTransaction(() -> outbox.publish(Topics.AUDIT, service, EventTypes.AUDIT_RECORDED, path, data))
                .onFailure().invoke(failure -> LOG.errorf(failure, "Audit record of %s %s could not be written", request.getMethod(), path))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** {@code /api/environments/x/deploy} -> environments; {@code /api/admin/users/bob} -> users. */
    static String resourceTypeOf(String path) {
        String[] parts = path.replaceFirst("^/api/", "").replaceFirst("^admin/", "").split("/");
        return parts.length == 0 || parts[0].isEmpty() ? null : parts[0];
    }

    /** The segment after the resource type, if any: the environment, deployment or user the call is about. */
    static String resourceIdOf(String path) {
        String[] parts = path.replaceFirst("^/api/", "").replaceFirst("^admin/", "").split("/");
        return parts.length < 2 ? null : parts[1];
    }
}
