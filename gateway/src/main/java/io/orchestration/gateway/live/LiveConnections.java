package io.orchestration.gateway.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.orchestration.common.security.RevokedTokens;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open live-feed sockets of this gateway. Each keeps only what fan-out and token checks need (a gateway holds
 * tens of thousands), and is closed when its token expires or is revoked (a logout ends the user's live feeds too).
 */
@ApplicationScoped
public class LiveConnections {

    private static final Logger LOG = Logger.getLogger(LiveConnections.class);
    /** How often expired and revoked tokens are looked for. */
    static final Duration TOKEN_SWEEP = Duration.ofSeconds(10);
    /** RFC 6455 close codes. */
    private static final short POLICY_VIOLATION = 1008;
    private static final short TRY_AGAIN_LATER = 1013;

    /** One client: its socket, whether it may see admin events, and its token's id and expiry. */
    record Live(ServerWebSocket socket, boolean admin, String tokenId, long expiresAtEpochSecond) {
    }

    private final Set<Live> open = ConcurrentHashMap.newKeySet();
    private final RevokedTokens revokedTokens;

    public LiveConnections(RevokedTokens revokedTokens, MeterRegistry metrics) {
        this.revokedTokens = revokedTokens;
        Gauge.builder("portal.live.connections", open, Set::size)
                .description("Live-feed WebSockets open on this gateway")
                .register(metrics);
    }

    void sweepTokens(@Observes StartupEvent start, Vertx vertx) {
        vertx.setPeriodic(TOKEN_SWEEP.toMillis(), timer -> closeWhereTokenEnded(Instant.now()));
    }

    void add(Live live) {
        open.add(live);
        live.socket().closeHandler(closed -> open.remove(live));
    }

    /** Sends the text to every client allowed to see it; a client too slow to take its messages is let go. */
    void send(String text, boolean adminOnly) {
        for (Live live : open) {
            if (adminOnly && !live.admin()) {
                continue;
            }
            ServerWebSocket socket = live.socket();
            if (socket.writeQueueFull()) {
                LOG.debugf("Closing a live feed to %s: it is not taking its messages", socket.remoteAddress());
                close(live, TRY_AGAIN_LATER, "too slow: reconnect and resynchronise");
                continue;
            }
            socket.writeTextMessage(text).onFailure(failure ->
                    LOG.debugf("Could not push to %s: %s", socket.remoteAddress(), failure.getMessage()));
        }
    }

    void closeWhereTokenEnded(Instant now) {
        open.forEach(live -> {
            if (live.expiresAtEpochSecond() <= now.getEpochSecond()) {
                close(live, POLICY_VIOLATION, "token expired");
            } else if (revokedTokens.isRevoked(live.tokenId())) {
                close(live, POLICY_VIOLATION, "token revoked");
            }
        });
    }

    private void close(Live live, short code, String reason) {
        open.remove(live);
        live.socket().close(code, reason);
    }
}
