package io.orchestration.environment.catalogue;

/** One fault in the catalogue: where (line, 1-based; 0 when unknown) and which field. */
public record CatalogueError(int line, String field, String message) {

    @Override
    public String toString() {
        return (line > 0 ? "line " + line + ", " : "") + field + ": " + message;
    }
}
