package io.orchestration.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Maps every exception a request can raise to an RFC 9457 problem, once for all services. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response domainProblem(ProblemException e, HttpServerRequest request) {
        return respond(new Problem(e.slug(), e.title(), e.status(), e.getMessage(), request.path(), e.extensions()));
    }

    @ServerExceptionMapper
    public Response invalidFields(ConstraintViolationException e, HttpServerRequest request) {
        List<Map<String, String>> violations = e.getConstraintViolations().stream()
                .map(v -> Map.of("field", fieldOf(v), "message", v.getMessage()))
                .sorted((a, b) -> a.get("field").compareTo(b.get("field")))
                .collect(Collectors.toList());
        String detail = violations.stream()
                .map(v -> v.get("field") + " " + v.get("message"))
                .collect(Collectors.joining("; "));
        return respond(new Problem("invalid-input", "Invalid input", 400, detail, request.path(),
                Map.of("violations", violations)));
    }

    // Quarkus maps MismatchedInputException itself (a closer match than JsonProcessingException), so name it here too.
    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
    public Response unreadableJson(JsonProcessingException e, HttpServerRequest request) {
        return respond(new Problem("malformed-json", "Malformed request body", 400, JsonErrors.describe(e), request.path(), null));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, HttpServerRequest request) {
        Problem problem = new Problem("unauthorized", "Unauthorized", 401,
                "A valid bearer token is required (missing, expired or wrongly signed)", request.path(), null);
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(problem).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return respond(new Problem("forbidden", "Forbidden", 403,
                "Your role does not allow " + request.method() + " " + request.path(), request.path(), null));
    }

    @ServerExceptionMapper
    public Response httpError(WebApplicationException e, HttpServerRequest request) {
        // Quarkus wraps JSON syntax errors in a bare 400; answer them like any other unreadable body.
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, request);
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String detail = status == 404 ? "No resource at " + request.method() + " " + request.path() : e.getMessage();
        return respond(new Problem("http-" + status, title, status, detail, request.path(), null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        // A 500 is always our bug, never the caller's: log it whole, tell the caller little.
        LOG.errorf(e, "Unexpected error on %s %s", request.method(), request.path());
        return respond(new Problem("internal", "Internal error", 500,
                "The server failed to handle this request; the error has been logged", request.path(), null));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.getStatus()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** The bean path without the method and parameter names: {@code regions[0]}, not {@code create.body.regions[0]}. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<String> segments = new ArrayList<>(List.of(
                violation.getPropertyPath().toString().replaceAll("\\.?<[^>]+>", "").split("\\.")));
        Iterator<Path.Node> nodes = violation.getPropertyPath().iterator();
        if (nodes.hasNext() && nodes.next().getKind() == ElementKind.METHOD) {
            segments.remove(0);
            if (segments.size() > 1) {
                segments.remove(0);
            }
        }
        return segments.isEmpty() || segments.get(0).isEmpty() ? "body" : String.join(".", segments);
    }
}
