package io.orchestration.alert.domain;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Duration;
import java.util.List;

/**
 * A notification channel as an admin declares it. Which fields a type needs: slack url; pagerduty
 * routingKey (url only to reach somewhere other than PagerDuty's Events API v2); email to; webhook url
 * and secret. Defaults: minSeverity warning, every environment, groupWait 30 s, repeatInterval 4 h, enabled.
 */
public record ChannelRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "^[a-z0-9][a-z0-9-]*$", message = "must be lower-case letters, digits and dashes")
        String name,
        @NotNull ChannelType type,
        @Size(max = 2000) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL") String url,
        @Size(max = 200) String routingKey,
        @Size(max = 50) List<@NotBlank @Email String> to,
        @Size(min = 16, max = 200, message = "must be 16 to 200 characters") String secret,
        Severity minSeverity,
        @Size(max = 200) List<@NotNull @Pattern(regexp = Limits.ENVIRONMENT, message = "must be an environment name") String> environments,
        Duration groupWait,
        Duration repeatInterval,
        Boolean enabled) {
}
