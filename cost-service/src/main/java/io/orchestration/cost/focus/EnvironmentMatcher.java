package io.orchestration.cost.focus;

import io.orchestration.cost.domain.EnvironmentRef;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds a charge's environment: the value of the environment tag when it names one; otherwise an
 * environment whose name or cluster context is a whole segment of the resource id (an Azure resource
 * group, an EKS cluster ARN, a GKE cluster path); otherwise none (unallocated).
 */
public final class EnvironmentMatcher {

    private static final Pattern SEGMENTS = Pattern.compile("[^A-Za-z0-9_.-]+");

    private final String tag;
    private final Set<String> names;
    private final Map<String, String> bySegment = new HashMap<>();

    public EnvironmentMatcher(String tag, List<EnvironmentRef> environments) {
        this.tag = tag;
        this.names = new HashSet<>();
        for (EnvironmentRef env : environments) {
            names.add(env.name);
            bySegment.put(env.name.toLowerCase(java.util.Locale.ROOT), env.name);
            if (env.clusterContext != null) {
                bySegment.putIfAbsent(env.clusterContext.toLowerCase(java.util.Locale.ROOT), env.name);
            }
        }
    }

    public String environmentOf(Map<String, String> tags, String resourceId) {
        String tagged = tags.get(tag);
        if (tagged != null && names.contains(tagged)) {
            return tagged;
        }
        if (resourceId == null || bySegment.isEmpty()) {
            return null;
        }
        for (String segment : SEGMENTS.split(resourceId.toLowerCase(java.util.Locale.ROOT))) {
            String environment = segment.isEmpty() ? null : bySegment.get(segment);
            if (environment != null) {
                return environment;
            }
        }
        return null;
    }
}
