package io.orchestration.environment.service;

import io.orchestration.environment.domain.EnvironmentView;
import io.orchestration.environment.domain.Provider;

import java.util.Arrays;
import java.util.List;

/** Environments grouped by provider, in the providers' fixed order, with the dashboard's counts. */
public record ProviderGroups(List<Group> groups, int total, int enabled, int providers) {

    public record Group(Provider provider, int total, int enabled, List<EnvironmentView> environments) {
    }

    public static ProviderGroups of(List<EnvironmentView> environments) {
        List<Group> groups = Arrays.stream(Provider.values())
                .map(provider -> environments.stream().filter(env -> env.provider() == provider).toList())
                .filter(members -> !members.isEmpty())
                .map(members -> new Group(members.get(0).provider(), members.size(), countEnabled(members), members))
                .toList();
        return new ProviderGroups(groups, environments.size(), countEnabled(environments), groups.size());
    }

    private static int countEnabled(List<EnvironmentView> environments) {
        return (int) environments.stream().filter(EnvironmentView::enabled).count();
    }
}
