package io.orchestration.admin.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A login attempt. */
public record Credentials(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 256) String password) {

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}
