package io.orchestration.admin.configuration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.NotNull;

/** The wanted state of a service or provider: whether it is on, and its settings (a JSON object). */
public record ComponentUpdate(@NotNull Boolean enabled, @NotNull ObjectNode config) {
}
