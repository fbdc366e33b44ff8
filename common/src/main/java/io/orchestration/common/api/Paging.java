package io.orchestration.common.api;

import io.orchestration.common.problem.ProblemException;

/**
 * Page and size query parameters, read as text so "page=abc" is a clear 400 rather than the
 * 404 JAX-RS gives for an unconvertible query parameter.
 */
public record Paging(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    public static Paging of(String page, String size) {
        return new Paging(number("page", page, 0, 0, Integer.MAX_VALUE), number("size", size, DEFAULT_SIZE, 1, MAX_SIZE));
    }

    private static int number(String name, String text, int fallback, int min, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ProblemException.InvalidInput("Query parameter '" + name + "' must be a whole number from " + min
                + " to " + max + ", not '" + text + "'");
    }
}
