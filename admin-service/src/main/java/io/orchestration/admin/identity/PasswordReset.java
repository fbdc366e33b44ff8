package io.orchestration.admin.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A user's new password, set by an admin. It also unlocks the account. */
public record PasswordReset(@NotBlank @Size(min = 12, max = 256) String password) {

    @Override
    public String toString() {
        return "PasswordReset[***]";
    }
}
