package io.orchestration.common.events;

/**
 * CloudEvents types published by the services: {@code io.orchestration.<domain>.<what-happened>}.
 * The record key is the environment name where there is one, so one environment's events stay ordered.
 */
public final class EventTypes {

    public static final String PREFIX = "io.orchestration.";

    public static final String ENVIRONMENT_CREATED = PREFIX + "environment.created";
    public static final String ENVIRONMENT_UPDATED = PREFIX + "environment.updated";
    public static final String ENVIRONMENT_ENABLED_CHANGED = PREFIX + "environment.enabled-changed";
    public static final String ENVIRONMENT_DELETED = PREFIX + "environment.deleted";
    /** An environment's current state, re-announced at start so consumers that lost history catch up. */
    public static final String ENVIRONMENT_SNAPSHOT = PREFIX + "environment.snapshot";

    public static final String DEPLOYMENT_QUEUED = PREFIX + "deployment.queued";
    public static final String DEPLOYMENT_STARTED = PREFIX + "deployment.started";
    public static final String DEPLOYMENT_PROGRESSED = PREFIX + "deployment.progressed";
    public static final String DEPLOYMENT_COMPLETED = PREFIX + "deployment.completed";
    public static final String DEPLOYMENT_FAILED = PREFIX + "deployment.failed";
    public static final String DEPLOYMENT_ROLLED_BACK = PREFIX + "deployment.rolled-back";
    public static final String DEPLOYMENT_LOG = PREFIX + "deployment.log";

    /**
     * A service's health changed. Data: {environment, serviceType (besu|cacti|firefly|chainlink-ccip|cluster),
     * serviceName, previous, health (healthy|degraded|unhealthy|unknown), reasons: [string], at}.
     */
    public static final String MONITORING_HEALTH_CHANGED = PREFIX + "monitoring.health-changed";
    /**
     * One environment's collection finished. Data: {environment, collectedAt, collectedBy (the monitoring replica),
     * services: [{serviceType, serviceName, state (up|unreachable|error|not-configured|disabled), health, collectedBy}]}.
     */
    public static final String MONITORING_COLLECTED = PREFIX + "monitoring.collected";
    /**
     * An oracle feed's latest round is older than allowed. Data: {environment, feed (address), description,
     * roundId, updatedAt, ageSeconds, maxAgeSeconds}.
     */
    public static final String MONITORING_FEED_STALE = PREFIX + "monitoring.feed-stale";


    public static final String ALERT_CREATED = PREFIX + "alert.created";
    public static final String ALERT_UPDATED = PREFIX + "alert.updated";
    public static final String ALERT_RESOLVED = PREFIX + "alert.resolved";

    /**
     * Spend crossed a budget threshold, once per threshold per budget period. Data: {environment, budgetId,
     * budgetName, threshold (0..1+), amount, limit, currency, period}; cost-service adds provider (the budget's
     * scope when it is per provider, environment then null) and periodStart.
     */
    public static final String COST_BUDGET_THRESHOLD_CROSSED = PREFIX + "cost.budget-exceeded";
    /**
     * A day's spend is far above its trailing norm, once per environment and day. Data: {environment, date, amount,
     * expected, deviation, currency}; expected is the trailing mean, deviation (amount - expected) / expected.
     */
    public static final String COST_ANOMALY_DETECTED = PREFIX + "cost.anomaly";
    /**
     * A resource was charged in a region its environment's policy forbids, once per environment, resource and
     * region. Data: {environment, resourceId, region, provider, allowed: [region], denied: [region], firstSeen}.
     */
    public static final String COST_REGION_VIOLATION = PREFIX + "cost.region-violation";
    /**
     * Costs changed (an import or a manual record). Data: {source (import|manual|demo), importId, firstDay,
     * lastDay, rows, environments: [name]}.
     */
    public static final String COST_UPDATED = PREFIX + "cost.updated";

    /**
     * A mutating API call succeeded (published by every service with a database, on topic audit-events). Data:
     * {service, actor, roles, clientIp, action (Resource.method), method, path, resourceType, resourceId, status,
     * details: {pathParameters, query}, at}.
     */
    public static final String AUDIT_RECORDED = PREFIX + "audit.recorded";

    /** A token was revoked before it expired (logout). Data: {jti, username, expiresAt}. */
    public static final String ADMIN_TOKEN_REVOKED = PREFIX + "admin.token-revoked";
    /** Data: {name, enabled, config, updatedBy, updatedAt}. The gateway pushes it to the admin room as service-updated. */
    public static final String ADMIN_SERVICE_UPDATED = PREFIX + "admin.service-updated";
    /** Data: {name, enabled, config, updatedBy, updatedAt}. The gateway pushes it to the admin room as provider-updated. */
    public static final String ADMIN_PROVIDER_UPDATED = PREFIX + "admin.provider-updated";

    private EventTypes() {
    }

    /** The domain part of a type: {@code environment} for {@code io.orchestration.environment.created}. */
    public static String domainOf(String type) {
        if (type == null || !type.startsWith(PREFIX)) {
            return "";
        }
        String rest = type.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** The part after the domain: {@code created} for {@code io.orchestration.environment.created}. */
    public static String actionOf(String type) {
        String domain = domainOf(type);
        return domain.isEmpty() || type.length() <= PREFIX.length() + domain.length() + 1
                ? "" : type.substring(PREFIX.length() + domain.length() + 1);
    }
}
