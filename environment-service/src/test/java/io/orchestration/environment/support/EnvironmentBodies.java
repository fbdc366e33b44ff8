package io.orchestration.environment.support;

import java.util.UUID;

/** Request bodies an admin would send, and names that no other run or test uses. */
public final class EnvironmentBodies {

    private EnvironmentBodies() {
    }

    /** A valid DNS-label name unique to this run, e.g. {@code it-created-3f9c2a1b}. */
    public static String uniqueName(String purpose) {
        return "it-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A small GCP lab environment, disabled, with a region policy, components and labels. */
    public static String labEnvironment(String name) {
        return """
                {
                  "name": "%s",
                  "displayName": "Integration lab",
                  "provider": "gcp",
                  "type": "cloud",
                  "regions": ["europe-west1"],
                  "regionPolicy": {"denied": ["us-east1"]},
                  "enabled": false,
                  "components": {"besu-rpc": true, "cacti": false},
                  "labels": {"tier": "test"}
                }
                """.formatted(name);
    }
}
