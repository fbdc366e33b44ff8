package io.orchestration.common.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;

/**
 * A body declared larger than the limit is refused with a 413 problem before anything reads it; Quarkus's own refusal
 * has no body. Every path gets {@code portal.http.body-limit}; the paths in {@code portal.http.large-body.paths} (a
 * streamed upload such as a cost import) get {@code portal.http.large-body.limit}, which
 * {@code quarkus.http.limits.max-body-size} must then allow. (A chunked body without Content-Length meets Quarkus's.)
 */
public class RequestTooLarge {

    void refuseOversizedBodies(@Observes Router router,
                               @ConfigProperty(name = "portal.http.body-limit") MemorySize limit,
                               @ConfigProperty(name = "portal.http.large-body.paths") Optional<List<String>> largeBodyPaths,
                               @ConfigProperty(name = "portal.http.large-body.limit") MemorySize largeBodyLimit) {
        List<String> largePaths = largeBodyPaths.orElse(List.of());
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            String path = ctx.request().path();
            boolean large = largePaths.contains(path);
            long maxBytes = large ? largeBodyLimit.asLongValue() : limit.asLongValue();
            if (declared != null && isOver(declared, maxBytes)) {
                Problem problem = new Problem("request-too-large", "Request too large", 413,
                        "The request body is " + declared.trim() + " bytes; at most " + maxBytes + " are accepted"
                                + (large || largePaths.isEmpty() ? "" : " here (only " + String.join(", ", largePaths) + " take larger bodies)"),
                        path, null);
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(Json.encode(problem));
                return;
            }
            ctx.next();
        });
    }

    private static boolean isOver(String declared, long maxBytes) {
        try {
            return Long.parseLong(declared.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
