package io.orchestration.cost.rest;

import io.orchestration.common.problem.ProblemException;
import io.orchestration.common.security.Roles;
import io.orchestration.cost.domain.BudgetInput;
import io.orchestration.cost.domain.BudgetView;
import io.orchestration.cost.service.BudgetService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Path("/api/budgets")
@Produces(MediaType.APPLICATION_JSON)
public class BudgetResource {

    private final BudgetService budgets;
    private final SecurityIdentity caller;

    public BudgetResource(BudgetService budgets, SecurityIdentity caller) {
        this.budgets = budgets;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Declare a budget", description = "For one environment or one provider; each threshold (a fraction of the amount)"
            + " crossed in a period emits cost.budget-exceeded once for that period.")
    public Uni<Response> create(@Valid @NotNull BudgetInput input) {
        return budgets.create(input, caller.getPrincipal().getName())
                .map(budget -> Response.created(URI.create("/api/budgets/" + budget.id())).entity(budget).build());
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Budgets with their current period's spend")
    public Uni<List<BudgetView>> list() {
        return budgets.list();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One budget with the spend of the period containing 'day' (today by default)")
    public Uni<BudgetView> get(@PathParam("id") String id, @QueryParam("day") String day) {
        LocalDate date = CostQuery.dateOf("day", day);
        return budgets.get(idOf(id), date == null ? CostQuery.today() : date);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Change a budget", description = "The whole definition, as for create. A changed limit (scope, amount,"
            + " currency, period or thresholds) forgets the crossings measured against the old one and checks the current period"
            + " again at once; a new name alone keeps them.")
    public Uni<BudgetView> update(@PathParam("id") String id, @Valid @NotNull BudgetInput input) {
        return budgets.update(idOf(id), input, caller.getPrincipal().getName());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Remove a budget and the memory of its crossings")
    public Uni<Response> delete(@PathParam("id") String id) {
        return budgets.delete(idOf(id), caller.getPrincipal().getName()).map(done -> Response.noContent().build());
    }

    private static UUID idOf(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException.InvalidInput("'" + id + "' is not a budget id (a UUID)");
        }
    }
}
