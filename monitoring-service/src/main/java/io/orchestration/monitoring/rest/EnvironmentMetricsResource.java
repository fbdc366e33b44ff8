package io.orchestration.monitoring.rest;

import io.orchestration.common.problem.ProblemException;
import io.orchestration.common.security.Roles;
import io.orchestration.monitoring.domain.EnvironmentHealthView;
import io.orchestration.monitoring.service.StatusService;
import io.orchestration.monitoring.storage.MetricsQuery;
import io.orchestration.monitoring.storage.MetricsRange;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

@Path("/api/environments/{name}")
@Produces(MediaType.APPLICATION_JSON)
public class EnvironmentMetricsResource {

    /** More points than this in one series is refused: a chart cannot show them. */
    static final long MAX_POINTS = 11_000;
    private static final int DEFAULT_POINTS = 300;

    private final MetricsQuery metrics;
    private final StatusService statuses;

    public EnvironmentMetricsResource(MetricsQuery metrics, StatusService statuses) {
        this.metrics = metrics;
        this.statuses = statuses;
    }

    @GET
    @Path("/metrics")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "An environment's time series over a range", description = "range (e.g. 1h, 24h, 30d; default 1h) or"
            + " from/to (ISO-8601 instants); step (e.g. 15s, 5m, 1h; default range/300); metric (repeatable) and service"
            + " (a service type) filter. Served from raw samples, minute or hour rollups as the step and range need.")
    public Uni<MetricsRange> metrics(@PathParam("name") String environment, @QueryParam("range") String range,
                                     @QueryParam("from") String from, @QueryParam("to") String to,
                                     @QueryParam("step") String step, @QueryParam("metric") List<String> metric,
                                     @QueryParam("service") String service) {
        Instant end = to == null ? Instant.now() : instant("to", to);
        Instant start = from != null ? instant("from", from) : end.minus(range == null ? Duration.ofHours(1) : duration("range", range));
        if (!start.isBefore(end)) {
            throw new ProblemException.InvalidInput("'from' must be before 'to'");
        }
        Duration span = Duration.between(start, end);
        Duration stepSize = step == null
                ? Duration.ofSeconds(Math.max(15, span.toSeconds() / DEFAULT_POINTS))
                : duration("step", step);
        if (stepSize.toSeconds() < 1) {
            throw new ProblemException.InvalidInput("'step' must be at least 1s");
        }
        if (span.toSeconds() / stepSize.toSeconds() > MAX_POINTS) {
            throw new ProblemException.InvalidInput("range / step gives more than " + MAX_POINTS + " points: use a larger step");
        }
        if (service != null) {
            StatusService.typeOf(service);
        }
        return statuses.requireEnvironment(environment)
                .chain(() -> metrics.range(environment, start, end, stepSize, metric == null ? List.of() : metric, service));
    }

    @GET
    @Path("/services")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "An environment's service health summary (the same as /api/monitoring/environments/{name}/health)")
    public Uni<EnvironmentHealthView> services(@PathParam("name") String environment) {
        return statuses.environment(environment);
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException.InvalidInput("'" + name + "' must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, not '" + value + "'");
        }
    }

    /** 90s, 15m, 24h, 30d, or an ISO-8601 duration (PT5M). */
    static Duration duration(String name, String value) {
        try {
            String text = value.trim().toLowerCase(Locale.ROOT);
            if (text.matches("\\d{1,9}[smhd]")) {
                long amount = Long.parseLong(text.substring(0, text.length() - 1));
                switch (text.charAt(text.length() - 1)) {
                    case 's':
                        return Duration.ofSeconds(amount);
                    case 'm':
                        return Duration.ofMinutes(amount);
                    case 'h':
                        return Duration.ofHours(amount);
                    default:
                        return Duration.ofDays(amount);
                }
            }
            Duration parsed = Duration.parse(value.trim());
            if (parsed.isNegative() || parsed.isZero()) {
                throw new DateTimeParseException("not positive", value, 0);
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw new ProblemException.InvalidInput("'" + name + "' must be a duration such as 15s, 5m, 24h, 30d, not '" + value + "'");
        }
    }
}
