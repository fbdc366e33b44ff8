package io.orchestration.gateway.routing;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which service owns an /api path. The seed's paths nest by environment
 * ({@code /api/environments/{name}/deploy}), so the owner depends on the last segment, not the
 * prefix; rules are tried in order and the first match wins.
 */
public final class ServiceRoutes {

    public static final String ENVIRONMENT = "environment";
    public static final String DEPLOYMENT = "deployment";
    public static final String MONITORING = "monitoring";
    public static final String ALERT = "alert";
    public static final String COST = "cost";
    public static final String ADMIN = "admin";

    private record Rule(Pattern path, String service) {
    }

    private static final String NAME = "[^/]+";

    private static final List<Rule> RULES = List.of(
            rule("/api/environments/" + NAME + "/(deploy|status|health-check|deployments)(/.*)?", DEPLOYMENT),
            rule("/api/deployments(/.*)?", DEPLOYMENT),
            rule("/api/environments/" + NAME + "/(metrics|services)(/.*)?", MONITORING),
            rule("/api/monitoring(/.*)?", MONITORING),
            rule("/api/environments/" + NAME + "/alerts(/.*)?", ALERT),
            rule("/api/(alerts|silences|alert-rules|notification-channels)(/.*)?", ALERT),
            rule("/api/environments/" + NAME + "/costs(/.*)?", COST),
            rule("/api/(costs|budgets)(/.*)?", COST),
            rule("/api/admin/environments(/.*)?", ENVIRONMENT),
            rule("/api/admin(/.*)?", ADMIN),
            rule("/api/environments(/.*)?", ENVIRONMENT));

    private ServiceRoutes() {
    }

    /** The service that serves {@code path}, or empty when no service does. */
    public static Optional<String> serviceFor(String path) {
        return RULES.stream().filter(rule -> rule.path().matcher(path).matches()).map(Rule::service).findFirst();
    }

    private static Rule rule(String regex, String service) {
        return new Rule(Pattern.compile(regex), service);
    }
}
