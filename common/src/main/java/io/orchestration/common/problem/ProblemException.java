package io.orchestration.common.problem;

import java.util.Map;

/**
 * Base of every domain exception. Services throw a subclass that names the problem
 * ({@code EnvironmentNotFound}); {@link ProblemMappers} turns it into problem+json once.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final Map<String, Object> extensions;

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, Map.of());
    }

    public ProblemException(int status, String slug, String title, String detail, Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.extensions = extensions;
    }

    public int status() { return status; }
    public String slug() { return slug; }
    public String title() { return title; }
    public Map<String, Object> extensions() { return extensions; }

    /** 404: the named resource does not exist. */
    public static class NotFound extends ProblemException {
        public NotFound(String resourceType, String id) {
            super(404, "not-found", resourceType + " not found",
                    resourceType + " '" + id + "' does not exist",
                    Map.of("resourceType", resourceType, "resourceId", id));
        }
    }

    /** 409: the request clashes with the current state (duplicate name, operation in progress). */
    public static class Conflict extends ProblemException {
        public Conflict(String detail) {
            super(409, "conflict", "Conflict", detail);
        }
    }

    /** 400: the request is well-formed JSON but its content is not acceptable. */
    public static class InvalidInput extends ProblemException {
        public InvalidInput(String detail) {
            super(400, "invalid-input", "Invalid input", detail);
        }

        public InvalidInput(String detail, Map<String, Object> extensions) {
            super(400, "invalid-input", "Invalid input", detail, extensions);
        }
    }

    /** 503: a dependency the request needs is not reachable right now. */
    public static class Unavailable extends ProblemException {
        public Unavailable(String detail) {
            super(503, "unavailable", "Service unavailable", detail);
        }
    }
}
