package io.orchestration.common.events;

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

    private Topics() {
    }
}
