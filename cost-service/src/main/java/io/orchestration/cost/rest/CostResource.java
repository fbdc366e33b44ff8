package io.orchestration.cost.rest;

import io.orchestration.common.api.Paging;
import io.orchestration.common.api.ResultPage;
import io.orchestration.common.security.Roles;
import io.orchestration.cost.domain.CostForecast;
import io.orchestration.cost.domain.CostInput;
import io.orchestration.cost.domain.CostSummary;
import io.orchestration.cost.domain.CostTrend;
import io.orchestration.cost.domain.CostView;
import io.orchestration.cost.domain.RegionUsage;
import io.orchestration.cost.repository.CostFilter;
import io.orchestration.cost.service.CostService;
import io.orchestration.cost.service.Currencies;
import io.orchestration.cost.service.RegionUsageService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.time.LocalDate;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class CostResource {

    private final CostService costs;
    private final RegionUsageService regionUsage;
    private final Currencies currencies;
    private final SecurityIdentity caller;

    public CostResource(CostService costs, RegionUsageService regionUsage, Currencies currencies, SecurityIdentity caller) {
        this.costs = costs;
        this.regionUsage = regionUsage;
        this.currencies = currencies;
        this.caller = caller;
    }

    @GET
    @Path("/costs/region-usage")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Usage and cost per region, and every resource that violates its environment's region policy",
            description = "from/to or days=30|90 (last 30 days by default), currency. New violations are also sent as cost.region-violation events.")
    public Uni<RegionUsage> regionUsage(@QueryParam("days") String days, @QueryParam("from") String from, @QueryParam("to") String to,
                                        @QueryParam("currency") String currency) {
        return regionUsage.report(CostQuery.filter(null, null, null, days, from, to, 30), currencies.reportCurrency(currency));
    }

    @GET
    @Path("/costs")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List costs, newest day first", description = "Filters: environment, provider, resourceType, allocation=allocated|unallocated"
            + " (costs with or without an environment), days=30|90 or from/to (ISO dates, UTC usage days); paginated.")
    public Uni<ResultPage<CostView>> list(@QueryParam("environment") String environment, @QueryParam("provider") String provider,
                                          @QueryParam("resourceType") String resourceType, @QueryParam("allocation") String allocation,
                                          @QueryParam("days") String days, @QueryParam("from") String from, @QueryParam("to") String to,
                                          @QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        return costs.list(CostQuery.allocation(CostQuery.filter(environment, provider, resourceType, days, from, to, 0), allocation),
                paging.page(), paging.size());
    }

    @GET
    @Path("/environments/{name}/costs")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One environment's costs (the seed's getCosts(environment, days))", description = "days=30|90, 30 by default; paginated.")
    public Uni<ResultPage<CostView>> ofEnvironment(@PathParam("name") String name, @QueryParam("days") String days,
                                                   @QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        return costs.list(CostQuery.filter(name, null, null, days == null ? "30" : days, null, null, 0), paging.page(), paging.size());
    }

    @POST
    @Path("/costs")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Record a cost by hand (the seed's insertCost)")
    public Uni<Response> record(@Valid @NotNull CostInput input) {
        return costs.record(input, caller.getPrincipal().getName())
                .map(cost -> Response.created(URI.create("/api/costs?environment=" + (cost.environment() == null ? "" : cost.environment())))
                        .entity(cost).build());
    }

    @GET
    @Path("/costs/summary")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Totals and breakdowns in one currency", description = "from/to or days=30|90 (last 30 days by default), currency (the base by default);"
            + " byProvider, byEnvironment (unallocated spend under '(unallocated)'), byResourceType, byServiceCategory;"
            + " allocation=allocated|unallocated narrows it to costs with or without an environment.")
    public Uni<CostSummary> summary(@QueryParam("environment") String environment, @QueryParam("provider") String provider,
                                    @QueryParam("resourceType") String resourceType, @QueryParam("allocation") String allocation,
                                    @QueryParam("days") String days, @QueryParam("from") String from, @QueryParam("to") String to,
                                    @QueryParam("currency") String currency) {
        return costs.summary(CostQuery.allocation(CostQuery.filter(environment, provider, resourceType, days, from, to, 30), allocation),
                currencies.reportCurrency(currency));
    }

    @GET
    @Path("/costs/trends")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Daily series of the last 30 or 90 days", description = "days=30|90 (30 by default), ending at 'to' (today by default);"
            + " environment, provider, resourceType, allocation=allocated|unallocated, currency.")
    public Uni<CostTrend> trend(@QueryParam("environment") String environment, @QueryParam("provider") String provider,
                                @QueryParam("resourceType") String resourceType, @QueryParam("allocation") String allocation,
                                @QueryParam("days") String days, @QueryParam("to") String to, @QueryParam("currency") String currency) {
        return costs.trend(CostQuery.allocation(CostQuery.filter(environment, provider, resourceType, days == null ? "30" : days, null, to, 30),
                allocation), currencies.reportCurrency(currency));
    }

    @GET
    @Path("/costs/forecast")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Month-end forecast", description = "Month to date plus the trailing 7-day daily average for each day left; asOf (today by default).")
    public Uni<CostForecast> forecast(@QueryParam("environment") String environment, @QueryParam("provider") String provider,
                                      @QueryParam("asOf") String asOf, @QueryParam("currency") String currency) {
        LocalDate day = CostQuery.dateOf("asOf", asOf);
        CostFilter scope = CostQuery.filter(environment, provider, null, null, null, null, 0);
        return costs.forecast(scope, day == null ? CostQuery.today() : day, currencies.reportCurrency(currency));
    }
}
