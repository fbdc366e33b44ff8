package io.orchestration.admin.identity;

import jakarta.validation.constraints.Pattern;

/** A change to a user: the fields given are changed, the others kept. */
public record UserChange(@Pattern(regexp = "viewer|operator|admin", message = "must be viewer, operator or admin") String role,
                         Boolean enabled) {
}
