package io.orchestration.admin.rest;

import io.orchestration.admin.identity.Accounts;
import io.orchestration.admin.identity.Credentials;
import io.orchestration.admin.identity.TokenIssuer.IssuedToken;
import io.orchestration.common.security.Roles;
import io.orchestration.outbox.AuditTrail;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;

/** Signing in (a token for a username and password) and out (the token revoked everywhere). */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private final Accounts accounts;
    private final JsonWebToken token;

    public SessionResource(Accounts accounts, JsonWebToken token) {
        this.accounts = accounts;
        this.token = token;
    }

    @POST
    @Path("/login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in", description = "A token (RS256 JWT) for the user's role; 401 for wrong credentials, 423 while"
            + " the account is locked after too many failed logins.")
    public Uni<IssuedToken> login(@Valid @NotNull Credentials credentials, RoutingContext http) {
        http.put(AuditTrail.ACTOR, credentials.username());
        return accounts.login(credentials);
    }

    @POST
    @Path("/logout")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Log out", description = "Revokes the caller's token: every service refuses it from then on.")
    public Uni<Response> logout() {
        return accounts.logout(token.getTokenID(), token.getName(), Instant.ofEpochSecond(token.getExpirationTime()))
                .replaceWith(Response.noContent().build());
    }
}
