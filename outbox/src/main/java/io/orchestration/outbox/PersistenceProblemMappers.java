package io.orchestration.outbox;

import io.orchestration.common.problem.Problem;
import io.orchestration.common.problem.ProblemException;
import io.smallrye.mutiny.CompositeException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.NoStackTraceThrowable;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.hibernate.HibernateException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.DataException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.ConnectException;

/** Database outcomes a caller can act on, as problem+json, for every service that owns a database. */
public class PersistenceProblemMappers {

    private static final Logger LOG = Logger.getLogger(PersistenceProblemMappers.class);
    /** A database restart takes seconds: ask callers to wait about that long. */
    private static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper({OptimisticLockException.class, StaleStateException.class})
    public Response changedConcurrently(RuntimeException e, HttpServerRequest request) {
        Problem problem = new Problem("concurrent-change", "Changed concurrently", 409,
                "Another request changed this resource at the same time; read it again and retry", request.path(), null);
        return Response.status(409).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /**
     * PostgreSQL's data exceptions (SQLSTATE class 22) are the caller's values, not our fault: a NUL character in a
     * name, a number out of range, a string longer than its column.
     */
    @ServerExceptionMapper(DataException.class)
    public Response unstorableValue(DataException e, HttpServerRequest request) {
        return unstorable(e.getSQLState(), request);
    }

    @ServerExceptionMapper(PgException.class)
    public Response databaseRefused(PgException e, HttpServerRequest request) {
        if (e.getSqlState() != null && e.getSqlState().startsWith("22")) {
            return unstorable(e.getSqlState(), request);
        }
        return unavailableOrInternal(e, request);
    }

    /**
     * The database out of reach (stopped, restarting, connection lost) is temporary: 503 with Retry-After, so callers
     * and load balancers try again, instead of a 500. The request's transaction did not commit (unless the connection
     * was lost during the commit itself, which PostgresRestartIT looks for). Any other failure of these kinds stays a
     * logged 500.
     */
    @ServerExceptionMapper({HibernateException.class, ConnectException.class, ClosedConnectionException.class,
            CompositeException.class, NoStackTraceThrowable.class})
    public Response databaseUnreachable(Throwable e, HttpServerRequest request) {
        return unavailableOrInternal(e, request);
    }

    private static Response unavailableOrInternal(Throwable e, HttpServerRequest request) {
        if (DatabaseOutage.causedBy(e)) {
            LOG.warnf("Database unavailable on %s %s: %s", request.method(), request.path(), e.getMessage());
            ProblemException unavailable = new ProblemException.Unavailable("The database is unavailable right now; retry shortly");
            Problem problem = new Problem(unavailable.slug(), unavailable.title(), 503, unavailable.getMessage(), request.path(), null);
            return Response.status(503).type(Problem.MEDIA_TYPE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .entity(problem).build();
        }
        LOG.errorf(e, "Unexpected database error on %s %s", request.method(), request.path());
        Problem problem = new Problem("internal", "Internal error", 500,
                "The server failed to handle this request; the error has been logged", request.path(), null);
        return Response.status(500).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static Response unstorable(String sqlState, HttpServerRequest request) {
        Problem problem = new Problem("unstorable-value", "Value cannot be stored", 400,
                "A value in the request cannot be stored (SQLSTATE " + sqlState + "): for example a NUL character, a number"
                        + " out of range or a string too long", request.path(), null);
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
