package io.orchestration.environment.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an operator declares about an environment, in the catalogue or through the API.
 * The same constraints check both, so a YAML entry and a request body are valid alike.
 */
@RegionsPermitted
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "displayName", "description", "provider", "type", "regions", "regionPolicy",
        "enabled", "components", "cluster", "endpoints", "labels"})
public record EnvironmentSpec(
        @NotBlank @Size(max = 63) @Pattern(regexp = DNS_LABEL, message = LABEL_MESSAGE) String name,
        @Size(max = 200) String displayName,
        @Size(max = 2000) String description,
        @NotNull Provider provider,
        @NotNull EnvironmentType type,
        @NotEmpty List<@NotBlank @Pattern(regexp = REGION, message = "must be a region id such as westeurope or us-east-1") String> regions,
        @Valid RegionPolicy regionPolicy,
        Boolean enabled,
        Map<@Pattern(regexp = DNS_LABEL, message = LABEL_MESSAGE) String, @NotNull Boolean> components,
        @Valid ClusterAccess cluster,
        @Valid ServiceEndpoints endpoints,
        Map<@Pattern(regexp = LABEL_KEY, message = "must be a label key such as tier or team") String, @NotNull @Size(max = 253) String> labels) {

    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    public static final String LABEL_MESSAGE = "must be lower-case letters, digits and '-', starting and ending with a letter or digit";
    private static final String REGION = "^[a-z0-9][-a-z0-9_]*$";
    private static final String LABEL_KEY = "^[A-Za-z0-9][-A-Za-z0-9_./]{0,62}$";

    /** The same spec with defaults filled in: enabled, no policy, no components, no labels. */
    public EnvironmentSpec normalized() {
        return new EnvironmentSpec(name, displayName, description, provider, type,
                regions == null ? List.of() : List.copyOf(regions),
                regionPolicy == null ? RegionPolicy.OPEN : regionPolicy,
                enabled == null ? Boolean.TRUE : enabled,
                components == null ? Map.of() : new LinkedHashMap<>(components),
                cluster == null || cluster.isEmpty() ? null : cluster,
                endpoints == null ? ServiceEndpoints.NONE : endpoints,
                labels == null ? Map.of() : new LinkedHashMap<>(labels));
    }

    public EnvironmentSpec withEnabled(boolean value) {
        return new EnvironmentSpec(name, displayName, description, provider, type, regions, regionPolicy, value,
                components, cluster, endpoints, labels);
    }

    public EnvironmentSpec withName(String value) {
        return new EnvironmentSpec(value, displayName, description, provider, type, regions, regionPolicy, enabled,
                components, cluster, endpoints, labels);
    }
}
