package io.orchestration.outbox;

import io.orchestration.common.problem.Problem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import org.hibernate.StaleStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Database outcomes a caller can act on, as problem+json, for every service that owns a database. */
public class PersistenceProblemMappers {

    @ServerExceptionMapper({OptimisticLockException.class, StaleStateException.class})
    public Response changedConcurrently(RuntimeException e, HttpServerRequest request) {
        Problem problem = new Problem("concurrent-change", "Changed concurrently", 409,
                "Another request changed this resource at the same time; read it again and retry", request.path(), null);
        return Response.status(409).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
