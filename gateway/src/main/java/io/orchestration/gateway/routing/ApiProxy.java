package io.orchestration.gateway.routing;

import io.orchestration.common.problem.Problem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.json.Json;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * Forwards every /api request to the service that owns its path, streaming bodies both ways.
 * Headers (Authorization included) pass through; X-Forwarded-* are set here and never taken from
 * the client, so services can trust them. A service that cannot be reached is a 503 problem.
 */
@ApplicationScoped
public class ApiProxy {

    private static final Logger LOG = Logger.getLogger(ApiProxy.class);

    private final GatewayConfig config;

    public ApiProxy(GatewayConfig config) {
        this.config = config;
    }

    void registerRoutes(@Observes Router router, Vertx vertx) {
        HttpProxy proxy = HttpProxy.reverseProxy(vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) config.connectTimeout().toMillis())
                        .setIdleTimeout((int) config.idleTimeout().toSeconds())
                        .setIdleTimeoutUnit(TimeUnit.SECONDS)
                        .setMaxPoolSize(100)))
                .originSelector(this::originOf)
                .addInterceptor(new ForwardingHeaders());
        router.route("/api/*").order(-1).handler(ctx -> {
            if (ServiceRoutes.serviceFor(ctx.request().path()).isEmpty()) {
                ctx.next();
                return;
            }
            proxy.handle(ctx.request());
        });
    }

    private Future<SocketAddress> originOf(HttpServerRequest request) {
        String service = ServiceRoutes.serviceFor(request.path()).orElseThrow();
        URI base = config.services().get(service);
        if (base == null) {
            return Future.failedFuture("no address configured for service '" + service + "'");
        }
        return Future.succeededFuture(SocketAddress.inetSocketAddress(base.getPort(), base.getHost()));
    }

    /** Sets the X-Forwarded-* headers and turns an unreachable service into a 503 problem. */
    private static final class ForwardingHeaders implements ProxyInterceptor {

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            ProxyRequest request = context.request();
            HttpServerRequest client = request.proxiedRequest();
            String service = ServiceRoutes.serviceFor(client.path()).orElseThrow();
            request.headers().set("X-Forwarded-For", client.remoteAddress().hostAddress());
            request.headers().set("X-Forwarded-Proto", client.scheme());
            request.headers().set("X-Forwarded-Host", String.valueOf(client.authority()));
            return context.sendRequest().recover(failure -> {
                if (failure instanceof StreamResetException) {
                    // The proxy resets the call to the service when the caller goes away (a browser leaving the page).
                    LOG.debugf("%s %s: the caller left before %s-service answered", client.method(), client.path(), service);
                } else {
                    LOG.warnf("%s %s: %s-service unreachable: %s", client.method(), client.path(), service, failure.getMessage());
                }
                Problem problem = new Problem("unavailable", "Service unavailable", 503,
                        "The " + service + "-service is not reachable right now; try again shortly", client.path(), null);
                return Future.succeededFuture(request.response()
                        .setStatusCode(503)
                        .putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Retry-After", "5")
                        .setBody(Body.body(Buffer.buffer(Json.encode(problem)))));
            });
        }
    }
}
