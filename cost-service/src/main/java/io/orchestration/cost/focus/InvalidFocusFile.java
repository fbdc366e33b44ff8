package io.orchestration.cost.focus;

import io.orchestration.common.problem.ProblemException;

import java.util.Map;

/** 400: the file cannot be read as FOCUS at all (header, CSV syntax, encoding); nothing was imported. */
public class InvalidFocusFile extends ProblemException {
    public InvalidFocusFile(String detail, long line) {
        super(400, "invalid-focus-file", "Invalid FOCUS file", detail + "; nothing was imported", Map.of("line", line));
    }
}
