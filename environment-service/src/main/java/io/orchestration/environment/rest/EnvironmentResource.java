package io.orchestration.environment.rest;

import io.orchestration.common.api.Paging;
import io.orchestration.common.problem.ProblemException;
import io.orchestration.common.security.Roles;
import io.orchestration.environment.domain.EnvironmentType;
import io.orchestration.environment.domain.EnvironmentView;
import io.orchestration.environment.domain.Provider;
import io.orchestration.environment.repository.EnvironmentRepository;
import io.orchestration.environment.service.EnvironmentService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.Arrays;
import java.util.stream.Collectors;

@Path("/api/environments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class EnvironmentResource {

    private final EnvironmentService environments;

    public EnvironmentResource(EnvironmentService environments) {
        this.environments = environments;
    }

    @GET
    @Operation(summary = "List environments", description = "Paginated and filterable; groupBy=provider returns the dashboard's grouped form with counts instead of a page.")
    public Uni<?> list(@QueryParam("provider") String provider,
                       @QueryParam("type") String type,
                       @QueryParam("enabled") String enabled,
                       @QueryParam("page") String page,
                       @QueryParam("size") String size,
                       @Parameter(description = "provider") @QueryParam("groupBy") String groupBy) {
        EnvironmentRepository.Filter filter = new EnvironmentRepository.Filter(
                providerOf(provider), typeOf(type), enabledOf(enabled));
        if (groupBy != null) {
            if (!groupBy.equals("provider")) {
                throw new ProblemException.InvalidInput("Query parameter 'groupBy' can only be 'provider', not '" + groupBy + "'");
            }
            return environments.groupByProvider(filter);
        }
        Paging paging = Paging.of(page, size);
        return environments.list(filter, paging.page(), paging.size());
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One environment")
    public Uni<EnvironmentView> get(@PathParam("name") String name) {
        return environments.get(name);
    }

    private static Provider providerOf(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        Provider provider = Provider.fromId(id);
        if (provider == null) {
            throw new ProblemException.InvalidInput("Query parameter 'provider' must be one of "
                    + Arrays.stream(Provider.values()).map(Provider::id).collect(Collectors.joining(", ")) + ", not '" + id + "'");
        }
        return provider;
    }

    private static EnvironmentType typeOf(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        EnvironmentType type = EnvironmentType.fromId(id);
        if (type == null) {
            throw new ProblemException.InvalidInput("Query parameter 'type' must be cloud or hci, not '" + id + "'");
        }
        return type;
    }

    private static Boolean enabledOf(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (!text.equals("true") && !text.equals("false")) {
            throw new ProblemException.InvalidInput("Query parameter 'enabled' must be true or false, not '" + text + "'");
        }
        return Boolean.valueOf(text);
    }
}
