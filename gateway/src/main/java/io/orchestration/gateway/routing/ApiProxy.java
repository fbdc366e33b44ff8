package io.orchestration.gateway.routing;

import io.orchestration.common.problem.Problem;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Forwards every /api request to the service that owns its path, streaming request bodies through. Headers
 * (Authorization included) pass through except hop-by-hop ones; X-Forwarded-* are set here and never taken from the
 * client, so services can trust them. A service that cannot be reached is a 503 problem.
 * <p>
 * An answer is gathered up to {@link #BUFFERED_ANSWER_BYTES} and sent in one write, as nginx's proxy buffering does:
 * the services write JSON in several chunks, and passing each on as it came cost a system call apiece. A longer
 * answer is streamed from there on.
 */
@ApplicationScoped
public class ApiProxy {

    private static final Logger LOG = Logger.getLogger(ApiProxy.class);
    static final int BUFFERED_ANSWER_BYTES = 64 * 1024;
    /** Connection-level headers (RFC 9110 section 7.6.1) that describe one hop, not the message. */
    private static final MultiMap HOP_BY_HOP = names("Connection", "Keep-Alive", "Proxy-Authenticate",
            "Proxy-Authorization", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade");
    private static final MultiMap SET_BY_THE_GATEWAY = names("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host",
            "Forwarded");

    private final GatewayConfig config;

    public ApiProxy(GatewayConfig config) {
        this.config = config;
    }

    void registerRoutes(@Observes Router router, Vertx vertx) {
        // One client (and connection pool) per event loop: a pooled connection answers on the loop that opened it, so
        // one pool shared by all loops would hand every answer from one thread to another.
        ThreadLocal<HttpClient> clientOfThisLoop = ThreadLocal.withInitial(() -> vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setIdleTimeout((int) config.idleTimeout().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setMaxPoolSize(50)));
        // Ahead of the single-page app's fallback (order -5), which has nothing to do with /api.
        router.route("/api/*").order(-6).handler(ctx -> ServiceRoutes.serviceFor(ctx.request().path()).ifPresentOrElse(
                service -> forward(ctx, service, clientOfThisLoop.get()),
                ctx::next));
    }

    private void forward(RoutingContext ctx, String service, HttpClient client) {
        HttpServerRequest in = ctx.request();
        URI base = config.services().get(service);
        if (base == null) {
            unavailable(ctx, service, "no address configured");
            return;
        }
        in.pause();
        RequestOptions options = new RequestOptions().setMethod(in.method()).setHost(base.getHost()).setPort(base.getPort())
                .setURI(in.uri());
        client.request(options).onComplete(request -> {
            if (request.failed()) {
                in.resume();
                unavailable(ctx, service, request.cause().getMessage());
                return;
            }
            HttpClientRequest out = request.result();
            copyHeaders(in.headers(), out.headers());
            out.putHeader("X-Forwarded-For", in.remoteAddress().hostAddress());
            out.putHeader("X-Forwarded-Proto", in.scheme());
            out.putHeader("X-Forwarded-Host", String.valueOf(in.authority()));
            if (in.headers().contains(HttpHeaders.TRANSFER_ENCODING, HttpHeaders.CHUNKED, true)) {
                out.setChunked(true);
            }
            // The caller leaving (a browser closing the page) ends the call to the service too.
            ctx.response().closeHandler(gone -> out.reset());
            out.send(in).onComplete(answer -> {
                if (answer.succeeded()) {
                    relay(answer.result(), ctx.response());
                } else if (!ctx.response().closed()) {
                    unavailable(ctx, service, answer.cause().getMessage());
                }
            });
        });
    }

    private static void relay(HttpClientResponse answer, HttpServerResponse response) {
        response.setStatusCode(answer.statusCode()).setStatusMessage(answer.statusMessage());
        copyHeaders(answer.headers(), response.headers());
        String length = answer.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (answer.request().getMethod() == HttpMethod.HEAD) {
            answer.body().onComplete(done -> response.end());
            return;
        }
        if (length != null && !isSmall(length)) {
            answer.pipeTo(response);
            return;
        }
        response.headers().remove(HttpHeaders.CONTENT_LENGTH);
        Buffer gathered = Buffer.buffer();
        answer.handler(chunk -> {
            gathered.appendBuffer(chunk);
            if (gathered.length() > BUFFERED_ANSWER_BYTES) {
                answer.pause();
                answer.handler(null).endHandler(null);
                response.setChunked(true).write(gathered);
                answer.pipeTo(response);
            }
        });
        answer.endHandler(end -> response.end(gathered));
        answer.exceptionHandler(failure -> response.reset());
    }

    private static boolean isSmall(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) <= BUFFERED_ANSWER_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void copyHeaders(MultiMap from, MultiMap to) {
        for (Map.Entry<String, String> header : from) {
            if (!HOP_BY_HOP.contains(header.getKey()) && !SET_BY_THE_GATEWAY.contains(header.getKey())) {
                to.add(header.getKey(), header.getValue());
            }
        }
    }

    private static void unavailable(RoutingContext ctx, String service, String reason) {
        HttpServerRequest in = ctx.request();
        LOG.warnf("%s %s: %s-service unreachable: %s", in.method(), in.path(), service, reason);
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        Problem problem = new Problem("unavailable", "Service unavailable", 503,
                "The " + service + "-service is not reachable right now; try again shortly", in.path(), null);
        ctx.response().setStatusCode(503)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader("Retry-After", "5")
                .end(Json.encode(problem));
    }

    /** Header names to look up case-insensitively (a header map's own lookup, hashed). */
    private static MultiMap names(String... names) {
        MultiMap set = HttpHeaders.headers();
        for (String name : names) {
            set.add(name, "");
        }
        return set;
    }
}
