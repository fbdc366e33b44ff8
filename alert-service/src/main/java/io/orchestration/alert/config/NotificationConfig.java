package io.orchestration.alert.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

@ConfigMapping(prefix = "alert.notifications")
public interface NotificationConfig {

    /** How often due deliveries are looked for; sub-second, so a Vert.x timer drives it. */
    @WithDefault("1s")
    Duration dispatchInterval();

    /** Most deliveries one dispatch pass sends. */
    @WithDefault("20")
    int batchSize();

    /** Longest wait for one receiver's answer, connecting included. */
    @WithDefault("5s")
    Duration timeout();

    /** Tries per delivery before it is marked failed; with the backoff below, 20 tries span well over an hour. */
    @WithDefault("20")
    int maxAttempts();

    /** Wait before the second try; it doubles with each try after that, up to maxBackoff. */
    @WithDefault("2s")
    Duration backoff();

    @WithDefault("5m")
    Duration maxBackoff();

    /** PagerDuty's Events API v2, for channels that name no URL of their own. */
    @WithDefault("https://events.pagerduty.com/v2/enqueue")
    URI pagerdutyUrl();
}
