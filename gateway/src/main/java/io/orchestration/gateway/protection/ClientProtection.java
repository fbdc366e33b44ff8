package io.orchestration.gateway.protection;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.orchestration.common.problem.Problem;
import io.orchestration.gateway.routing.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What the gateway does for every client before a request reaches a service: security headers on every answer,
 * CORS for the configured origins, and a token bucket per client address on the API (429 with Retry-After when
 * empty). Runs ahead of the API proxy (lower route order).
 */
@ApplicationScoped
public class ClientProtection {

    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Content-Security-Policy", "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; frame-ancestors 'none'",
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()",
            "Cross-Origin-Opener-Policy", "same-origin");
    /** Buckets idle this long are full again and can be forgotten. */
    private static final Duration IDLE = Duration.ofMinutes(5);

    private final GatewayConfig.RateLimit limit;
    private final GatewayConfig config;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public ClientProtection(GatewayConfig config) {
        this.config = config;
        this.limit = config.rateLimit();
    }

    void registerRoutes(@Observes Router router, Vertx vertx) {
        router.route().order(-30).handler(this::securityHeaders);
        router.route("/api/*").order(-20).handler(CorsHandler.create()
                .addOrigins(config.corsOrigins())
                .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE))
                .allowedHeaders(Set.of("Authorization", "Content-Type", "Idempotency-Key"))
                .exposedHeaders(Set.of("Location", "Retry-After"))
                .maxAgeSeconds(600));
        router.route("/api/*").order(-10).handler(this::rateLimit);
        vertx.setPeriodic(IDLE.toMillis(), timer -> forgetFullBuckets());
    }

    private void securityHeaders(RoutingContext ctx) {
        ctx.addHeadersEndHandler(done -> SECURITY_HEADERS.forEach((name, value) -> {
            if (!ctx.response().headers().contains(name)) {
                ctx.response().putHeader(name, value);
            }
        }));
        ctx.next();
    }

    private void rateLimit(RoutingContext ctx) {
        String client = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        Bucket bucket = buckets.computeIfAbsent(client, address -> newBucket());
        if (bucket.tryConsume(1)) {
            ctx.next();
            return;
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
        Problem problem = new Problem("too-many-requests", "Too many requests", 429,
                "More than " + limit.capacity() + " requests at once (refilled at " + limit.perSecond() + " per second) from "
                        + client + "; retry after " + retryAfter + " s", ctx.request().path(), Map.of());
        ctx.response().setStatusCode(429)
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("Retry-After", Long.toString(retryAfter))
                .end(Json.encode(problem));
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.capacity()).refillGreedy(limit.perSecond(), Duration.ofSeconds(1)).build())
                .build();
    }

    private void forgetFullBuckets() {
        buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= limit.capacity());
    }
}
