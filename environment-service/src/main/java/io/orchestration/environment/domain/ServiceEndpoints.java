package io.orchestration.environment.domain;

import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.URL;

/** Where monitoring and health checks reach the platform's services in this environment. */
public record ServiceEndpoints(
        @URL(regexp = "^https?://.*", message = "must be an http(s) URL") String besuRpc,
        @URL(regexp = "^https?://.*", message = "must be an http(s) URL") String besuMetrics,
        @URL(regexp = "^https?://.*", message = "must be an http(s) URL") String cacti,
        @URL(regexp = "^https?://.*", message = "must be an http(s) URL") String firefly,
        @Pattern(regexp = "^0x[0-9a-fA-F]{40}$", message = "must be a 0x-prefixed 20-byte address") String ccipRouter,
        @URL(regexp = "^https?://.*", message = "must be an http(s) URL") String prometheus) {

    public static final ServiceEndpoints NONE = new ServiceEndpoints(null, null, null, null, null, null);
}
