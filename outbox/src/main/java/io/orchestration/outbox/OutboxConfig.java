package io.orchestration.outbox;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

@ConfigMapping(prefix = "outbox")
public interface OutboxConfig {

    /** How many pending events one relay pass sends. */
    RelayConfig relay();

    /** How long published events are kept before they are deleted. */
    Duration retention();

    interface RelayConfig {
        /** Pause between relay passes; the scheduler cannot go below a second, so a Vert.x timer drives it. */
        Duration interval();

        int batchSize();
    }
}
