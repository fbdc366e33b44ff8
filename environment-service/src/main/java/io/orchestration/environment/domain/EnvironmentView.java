package io.orchestration.environment.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** An environment as the API and events show it. */
public record EnvironmentView(
        String name,
        String displayName,
        String description,
        Provider provider,
        EnvironmentType type,
        List<String> regions,
        RegionPolicy regionPolicy,
        boolean enabled,
        Map<String, Boolean> components,
        ClusterAccess cluster,
        ServiceEndpoints endpoints,
        Map<String, String> labels,
        boolean dryRun,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        String updatedBy) {

    public static EnvironmentView of(Environment env) {
        return new EnvironmentView(env.name, env.displayName, env.description, env.provider, env.type, List.of(env.regions),
                env.regionPolicy, env.enabled, env.components, env.cluster, env.endpoints, env.labels,
                env.cluster == null || !env.cluster.hasCredentials(),
                env.createdAt, env.updatedAt, env.updatedBy);
    }
}
