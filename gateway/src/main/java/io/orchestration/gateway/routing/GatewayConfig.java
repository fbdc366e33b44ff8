package io.orchestration.gateway.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Base URL of each service by its short name: environment, deployment, monitoring, alert, cost, admin. */
    Map<String, URI> services();

    /** How long to wait for a service to accept a connection before answering 503. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** How long a proxied exchange may stay idle before it is cut. */
    @WithDefault("60s")
    Duration idleTimeout();

    RateLimit rateLimit();

    /** Origins (scheme://host:port) whose pages may call the API from a browser; the portal's own needs none. */
    @WithDefault("http://localhost:8080,http://127.0.0.1:8080")
    List<String> corsOrigins();

    /** A token bucket per client address: {@code capacity} requests at once, refilled at {@code perSecond}. */
    interface RateLimit {
        @WithDefault("200")
        int capacity();

        @WithDefault("100")
        int perSecond();
    }
}
