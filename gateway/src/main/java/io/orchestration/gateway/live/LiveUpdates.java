package io.orchestration.gateway.live;

import io.orchestration.common.problem.Problem;
import io.orchestration.common.security.Roles;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live feed at /ws: clients only listen, the server only pushes. The upgrade needs a valid token with role
 * viewer; browsers, which cannot set headers on a WebSocket, send it as a Sec-WebSocket-Protocol entry
 * ({@code bearer-token-carrier} plus {@code quarkus-http-upgrade#Authorization#Bearer <jwt>}, URL-encoded).
 * A plain Vert.x socket rather than an annotated endpoint: the gateway holds tens of thousands, and this keeps
 * nothing of the upgrade request once the socket is open.
 */
@ApplicationScoped
public class LiveUpdates implements HttpServerOptionsCustomizer {

    static final String PATH = "/ws";
    static final String TOKEN_CARRIER = "bearer-token-carrier";
    private static final String CARRIED_HEADER = "quarkus-http-upgrade#";

    private final IdentityProviderManager identities;
    private final LiveConnections connections;

    public LiveUpdates(IdentityProviderManager identities, LiveConnections connections) {
        this.identities = identities;
        this.connections = connections;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        // The handshake answers with this subprotocol when a browser offers it, as browsers require.
        options.setWebSocketSubProtocols(List.of(TOKEN_CARRIER));
    }

    void registerRoute(@Observes Router router) {
        router.get(PATH).handler(this::upgrade);
    }

    private void upgrade(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            refuse(ctx, 400, "bad-request", "Not a WebSocket upgrade", "The live feed is a WebSocket: connect with ws:// or wss://");
            return;
        }
        carriedAuthorization(request.getHeader("Sec-WebSocket-Protocol"))
                .ifPresent(authorization -> request.headers().set(HttpHeaders.AUTHORIZATION, authorization));
        request.pause();
        QuarkusHttpUser.getSecurityIdentity(ctx, identities).subscribe().with(
                identity -> open(ctx, identity),
                failure -> refuse(ctx, 401, "unauthorized", "Unauthorized", "A valid token is needed for the live feed"));
    }

    private void open(RoutingContext ctx, SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            refuse(ctx, 401, "unauthorized", "Unauthorized", "A valid token is needed for the live feed");
            return;
        }
        if (!identity.hasRole(Roles.VIEWER)) {
            refuse(ctx, 403, "forbidden", "Forbidden", "The live feed needs role " + Roles.VIEWER);
            return;
        }
        boolean admin = identity.hasRole(Roles.ADMIN);
        String tokenId = token.getTokenID();
        long expiresAt = token.getExpirationTime();
        ctx.request().resume();
        ctx.request().toWebSocket()
                .onSuccess(socket -> connections.add(new LiveConnections.Live(socket, admin, tokenId, expiresAt)))
                .onFailure(failure -> refuse(ctx, 400, "bad-request", "WebSocket handshake failed", failure.getMessage()));
    }

    /** The Authorization value a browser carried in its subprotocol list, if it did. */
    static Optional<String> carriedAuthorization(String offeredProtocols) {
        if (offeredProtocols == null) {
            return Optional.empty();
        }
        String prefix = CARRIED_HEADER + "Authorization#";
        for (String offered : offeredProtocols.split(",")) {
            String decoded;
            try {
                decoded = URLDecoder.decode(offered.trim(), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                continue;
            }
            if (decoded.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return Optional.of(decoded.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }

    private static void refuse(RoutingContext ctx, int status, String slug, String title, String detail) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        ctx.request().resume();
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Json.encode(new Problem(slug, title, status, detail, PATH, Map.of())));
    }
}
