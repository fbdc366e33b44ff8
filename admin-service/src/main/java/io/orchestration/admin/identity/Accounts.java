package io.orchestration.admin.identity;

import io.orchestration.admin.domain.AdminUser;
import io.orchestration.admin.domain.UserView;
import io.orchestration.admin.identity.TokenIssuer.IssuedToken;
import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.common.problem.ProblemException;
import io.orchestration.outbox.Outbox;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Users, their passwords and roles, logins with lockout, and logouts that revoke the token everywhere. */
@ApplicationScoped
public class Accounts {

    private static final String WRONG_CREDENTIALS = "Wrong username or password";

    private final TokenIssuer tokens;
    private final IdentityConfig.Login config;
    private final Outbox outbox;
    // Checked against when the user does not exist, so an unknown name costs as long as a wrong password.
    private final String decoyHash = BcryptUtil.bcryptHash("decoy password, never a real one");

    public Accounts(TokenIssuer tokens, IdentityConfig config, Outbox outbox) {
        this.tokens = tokens;
        this.config = config.login();
        this.outbox = outbox;
    }

    /** What a login attempt left behind: a token, or the refusal to answer once the attempt is recorded. */
    private record Attempt(IssuedToken token, ProblemException refusal) {
    }

    /**
     * Checks the password and issues a token. A wrong password counts towards the lockout (and is committed as such
     * before the 401 goes out); a locked or disabled account is refused without looking at the password.
     */
    public Uni<IssuedToken> login(Credentials credentials) {
        return Panache.withTransaction(() -> AdminUser.<AdminUser>findById(credentials.username(), LockModeType.PESSIMISTIC_WRITE)
                        .map(user -> attempt(user, credentials.password())))
                .map(attempt -> {
                    if (attempt.refusal() != null) {
                        throw attempt.refusal();
                    }
                    return attempt.token();
                });
    }

    private Attempt attempt(AdminUser user, String password) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (user == null) {
            BcryptUtil.matches(password, decoyHash);
            return new Attempt(null, new NotAuthenticated(WRONG_CREDENTIALS));
        }
        if (user.lockedAt(now)) {
            return new Attempt(null, new AccountLocked(user.username, user.lockedUntil));
        }
        if (!BcryptUtil.matches(password, user.passwordHash)) {
            user.failedLogins++;
            if (user.failedLogins >= config.maxFailures()) {
                user.lockedUntil = now.plus(config.lockout());
                user.failedLogins = 0;
                return new Attempt(null, new AccountLocked(user.username, user.lockedUntil));
            }
            return new Attempt(null, new NotAuthenticated(WRONG_CREDENTIALS));
        }
        if (!user.enabled) {
            return new Attempt(null, new NotAuthenticated("Account '" + user.username + "' is disabled"));
        }
        user.failedLogins = 0;
        user.lockedUntil = null;
        return new Attempt(tokens.issue(user.username, user.role), null);
    }

    /** Revokes a token before it expires: every service refuses it once the event reaches it. */
    @WithTransaction
    public Uni<Void> logout(String jti, String username, Instant expiresAt) {
        return outbox.publish(Topics.ADMIN, username, EventTypes.ADMIN_TOKEN_REVOKED, jti,
                Map.of("jti", jti, "username", username, "expiresAt", expiresAt.toString())).replaceWithVoid();
    }

    @WithSession
    public Uni<List<UserView>> list() {
        return AdminUser.<AdminUser>listAll(Sort.ascending("username")).map(users -> users.stream().map(UserView::of).toList());
    }

    @WithTransaction
    public Uni<UserView> create(NewUser request, String actor) {
        return AdminUser.<AdminUser>findById(request.username()).chain(existing -> {
            if (existing != null) {
                throw new ProblemException.Conflict("User '" + request.username() + "' already exists");
            }
            return newUser(request.username(), request.password(), request.role(), actor).<AdminUser>persist().map(UserView::of);
        });
    }

    @WithTransaction
    public Uni<UserView> change(String username, UserChange change, String actor) {
        return locked(username).map(user -> {
            if (change.role() != null) {
                user.role = change.role();
            }
            if (change.enabled() != null) {
                user.enabled = change.enabled();
            }
            touched(user, actor);
            return UserView.of(user);
        });
    }

    @WithTransaction
    public Uni<UserView> resetPassword(String username, PasswordReset reset, String actor) {
        return locked(username).map(user -> {
            user.passwordHash = BcryptUtil.bcryptHash(reset.password());
            user.failedLogins = 0;
            user.lockedUntil = null;
            touched(user, actor);
            return UserView.of(user);
        });
    }

    /** The first admin, when there is no user at all yet. */
    @WithTransaction
    public Uni<Boolean> createFirstAdmin(String password) {
        return AdminUser.count().chain(count -> count > 0 ? Uni.createFrom().item(false)
                : newUser("admin", password, "admin", "set-up").persist().replaceWith(true));
    }

    private static AdminUser newUser(String username, String password, String role, String actor) {
        AdminUser user = new AdminUser();
        user.username = username;
        user.passwordHash = BcryptUtil.bcryptHash(password);
        user.role = role;
        user.enabled = true;
        user.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        touched(user, actor);
        return user;
    }

    private static void touched(AdminUser user, String actor) {
        user.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        user.updatedBy = actor;
    }

    private static Uni<AdminUser> locked(String username) {
        return AdminUser.<AdminUser>findById(username, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> new ProblemException.NotFound("User", username));
    }

    /** 401: the credentials do not open an account. */
    public static class NotAuthenticated extends ProblemException {
        public NotAuthenticated(String detail) {
            super(401, "not-authenticated", "Not authenticated", detail);
        }
    }

    /** 423: too many failed logins; the account opens again at {@code until}. */
    public static class AccountLocked extends ProblemException {
        public AccountLocked(String username, OffsetDateTime until) {
            super(423, "account-locked", "Account locked", "Account '" + username + "' is locked after too many failed logins"
                    + " until " + until + "; an admin can unlock it by resetting its password", Map.of("lockedUntil", until.toString()));
        }
    }
}
