package io.orchestration.environment.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.URL;

/**
 * How to reach the environment's Kubernetes cluster. The credentials themselves never live in
 * the catalogue: {@code credentialsSecret} names the Kubernetes Secret holding a kubeconfig.
 */
public record ClusterAccess(
        @URL(regexp = "^https?://.*", message = "must be an http(s) URL") String apiServer,
        @Size(max = 253) String context,
        @Pattern(regexp = EnvironmentSpec.DNS_LABEL, message = "must be a Kubernetes namespace name") String namespace,
        @Size(max = 253) String credentialsSecret) {

    /** Without credentials the deployment-service plans changes but applies none. */
    @JsonIgnore
    public boolean hasCredentials() {
        return credentialsSecret != null && !credentialsSecret.isBlank();
    }

    /** A {@code cluster:} block with no values says nothing: it is read as no cluster at all. */
    @JsonIgnore
    public boolean isEmpty() {
        return apiServer == null && context == null && namespace == null && credentialsSecret == null;
    }
}
