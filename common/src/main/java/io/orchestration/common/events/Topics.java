package io.orchestration.common.events;

import org.eclipse.microprofile.config.ConfigProvider;

import java.util.List;

/** One Kafka topic per publishing domain. */
public final class Topics {

    public static final String ENVIRONMENT = "environment-events";
    public static final String DEPLOYMENT = "deployment-events";
    public static final String MONITORING = "monitoring-events";
    public static final String ALERT = "alert-events";
    public static final String COST = "cost-events";
    public static final String ADMIN = "admin-events";
    public static final String AUDIT = "audit-events";

    public static final List<String> ALL = List.of(ENVIRONMENT, DEPLOYMENT, MONITORING, ALERT, COST, ADMIN, AUDIT);

    /** The key of the prefix every topic name gets in this process (see {@link #named}). */
    public static final String PREFIX_PROPERTY = "portal.kafka.topic-prefix";

    /**
     * The Kafka topic a domain topic is in this process: tests and end-to-end runs share the broker with the dev
     * portal, so they publish and read prefixed topics ({@code test.environment-events}) that the portal never sees.
     * Channel configurations say the same with {@code ${portal.kafka.topic-prefix:}environment-events}.
     */
    public static String named(String topic) {
        return ConfigProvider.getConfig().getOptionalValue(PREFIX_PROPERTY, String.class).orElse("") + topic;
    }

    private Topics() {
    }
}
