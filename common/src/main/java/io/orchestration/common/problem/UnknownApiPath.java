package io.orchestration.common.problem;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;

/** Paths under /api that no resource serves answer 404 problem+json rather than Vert.x's plain text. */
public class UnknownApiPath {

    void registerFallback(@Observes Router router) {
        router.route("/api/*").order(Integer.MAX_VALUE).handler(ctx -> {
            String path = ctx.request().path();
            Problem problem = new Problem("http-404", "Not Found", 404,
                    "No resource at " + ctx.request().method() + " " + path, path, null);
            ctx.response().setStatusCode(404)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(Json.encode(problem));
        });
    }
}
