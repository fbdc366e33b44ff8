package io.orchestration.environment.domain;

import jakarta.validation.constraints.NotBlank;

import java.util.List;

/**
 * Regions an environment may use: never a denied one, and only allowed ones when an allow list
 * is set. cost-service checks resource inventory against it.
 */
public record RegionPolicy(List<@NotBlank String> allowed, List<@NotBlank String> denied) {

    public static final RegionPolicy OPEN = new RegionPolicy(List.of(), List.of());

    public RegionPolicy {
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
        denied = denied == null ? List.of() : List.copyOf(denied);
    }

    public boolean permits(String region) {
        return !denied.contains(region) && (allowed.isEmpty() || allowed.contains(region));
    }
}
