package io.orchestration.admin.rest;

import io.orchestration.admin.domain.UserView;
import io.orchestration.admin.identity.Accounts;
import io.orchestration.admin.identity.NewUser;
import io.orchestration.admin.identity.PasswordReset;
import io.orchestration.admin.identity.UserChange;
import io.orchestration.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.List;

/** The portal's users: admin only. */
@Path("/api/admin/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class UserResource {

    private final Accounts accounts;
    private final SecurityIdentity caller;

    public UserResource(Accounts accounts, SecurityIdentity caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List users")
    public Uni<List<UserView>> list() {
        return accounts.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user", description = "409 when the username is taken.")
    public Uni<Response> create(@Valid @NotNull NewUser user) {
        return accounts.create(user, caller.getPrincipal().getName())
                .map(view -> Response.created(URI.create("/api/admin/users/" + view.username())).entity(view).build());
    }

    @PATCH
    @Path("/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a user's role or disable / enable it")
    public Uni<UserView> change(@PathParam("username") String username, @Valid @NotNull UserChange change) {
        return accounts.change(username, change, caller.getPrincipal().getName());
    }

    @POST
    @Path("/{username}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reset a user's password", description = "Also unlocks a locked account.")
    public Uni<UserView> resetPassword(@PathParam("username") String username, @Valid @NotNull PasswordReset reset) {
        return accounts.resetPassword(username, reset, caller.getPrincipal().getName());
    }
}
