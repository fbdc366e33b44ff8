package io.orchestration.gateway.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
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
}
