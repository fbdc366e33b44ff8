package io.orchestration.alert.rest;

import io.orchestration.common.problem.ProblemException;

import java.util.UUID;
import java.util.function.Function;

/** Path ids: something that is not a UUID names nothing, so it is that resource's 404. */
final class Ids {

    private Ids() {
    }

    static UUID parse(String id, Function<String, ? extends ProblemException> notFound) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound.apply(id);
        }
    }
}
