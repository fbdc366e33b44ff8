package io.orchestration.environment.catalogue;

import io.orchestration.common.problem.ProblemException;

import java.util.List;
import java.util.Map;

/** The catalogue file (or a change to it) breaks the rules; nothing was applied. */
public class CatalogueInvalid extends ProblemException {

    private final List<CatalogueError> errors;

    public CatalogueInvalid(String file, List<CatalogueError> errors) {
        super(422, "catalogue-invalid", "Invalid environment catalogue",
                file + " " + errors.get(0) + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""),
                Map.of("file", file, "errors", errors));
        this.errors = List.copyOf(errors);
    }

    public List<CatalogueError> errors() {
        return errors;
    }
}
