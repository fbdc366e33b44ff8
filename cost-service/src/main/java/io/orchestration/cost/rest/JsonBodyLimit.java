package io.orchestration.cost.rest;

import io.orchestration.common.problem.Problem;
import io.orchestration.cost.config.CostConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;

/**
 * This service's body limit is the FOCUS import's; every other endpoint keeps the shared limit for
 * JSON bodies, refused with a 413 problem before anything reads them.
 */
public class JsonBodyLimit {

    static final String IMPORT_PATH = "/api/costs/imports";

    void refuseLargeJsonBodies(@Observes Router router, CostConfig config) {
        long maxBytes = config.jsonBodyLimit().asLongValue();
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            String path = ctx.request().path();
            if (declared != null && !path.equals(IMPORT_PATH) && lengthOf(declared) > maxBytes) {
                Problem problem = new Problem("request-too-large", "Request too large", 413,
                        "The request body is " + declared.trim() + " bytes; at most " + maxBytes + " are accepted here"
                                + " (only " + IMPORT_PATH + " takes larger bodies)", path, null);
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(Json.encode(problem));
                return;
            }
            ctx.next();
        });
    }

    private static long lengthOf(String declared) {
        try {
            return Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
