package io.orchestration.admin.domain;

import java.time.OffsetDateTime;

/** A user as the API shows it: never the password hash. */
public record UserView(String username, String role, boolean enabled, OffsetDateTime lockedUntil, OffsetDateTime createdAt,
                       OffsetDateTime updatedAt, String updatedBy) {

    public static UserView of(AdminUser user) {
        return new UserView(user.username, user.role, user.enabled, user.lockedUntil, user.createdAt, user.updatedAt, user.updatedBy);
    }
}
