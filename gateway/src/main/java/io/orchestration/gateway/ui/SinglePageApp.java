package io.orchestration.gateway.ui;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * Deep links into the web UI ({@code /environments/x}, {@code /dashboard/health}, a browser refresh on any view) are
 * answered with the UI's index.html, so its client-side router shows the view. The API, the management endpoints,
 * the live feed and real files (anything whose last segment has an extension) are never touched.
 */
@ApplicationScoped
public class SinglePageApp {

    static final String INDEX = "/index.html";
    private static final List<String> NOT_UI = List.of("/api", "/q", "/ws");

    void registerRoutes(@Observes Router router) {
        router.route().order(-5).handler(this::serveIndexForViews);
    }

    private void serveIndexForViews(RoutingContext ctx) {
        if (isView(ctx.request().method(), ctx.normalizedPath())) {
            ctx.response().putHeader("Cache-Control", "no-cache");
            ctx.reroute(INDEX);
            return;
        }
        ctx.next();
    }

    /** A GET of a path of the UI's own router: not an API or management path, and not a file. */
    static boolean isView(HttpMethod method, String path) {
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            return false;
        }
        for (String prefix : NOT_UI) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return false;
            }
        }
        String lastSegment = path.substring(path.lastIndexOf('/') + 1);
        return !lastSegment.contains(".");
    }
}
