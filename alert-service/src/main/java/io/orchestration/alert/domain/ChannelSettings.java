package io.orchestration.alert.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A channel's own settings: the URL for Slack, PagerDuty (defaults to PagerDuty's Events API v2) and
 * webhooks, PagerDuty's routing key, email recipients, the webhook's signing secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelSettings(String url, String routingKey, List<String> to, String secret) {
}
