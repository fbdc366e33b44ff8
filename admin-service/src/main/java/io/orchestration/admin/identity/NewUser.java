package io.orchestration.admin.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A user to create. Passwords: 12 characters or more. */
public record NewUser(
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,63}", message = "must be 3-64 characters: lower-case letters, digits, '.', '_', '-'")
        String username,
        @NotBlank @Size(min = 12, max = 256) String password,
        @NotNull @Pattern(regexp = "viewer|operator|admin", message = "must be viewer, operator or admin") String role) {

    @Override
    public String toString() {
        return "NewUser[username=" + username + ", role=" + role + "]";
    }
}
