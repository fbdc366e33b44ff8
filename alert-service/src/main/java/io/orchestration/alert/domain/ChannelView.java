package io.orchestration.alert.domain;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A channel as the API shows it. Secrets never leave: a Slack or webhook URL shows only its scheme and
 * host (Slack's carries a token), a routing key its last four characters, a signing secret only that it is set.
 */
public record ChannelView(UUID id, String name, ChannelType type, String url, String routingKey, List<String> to,
                          boolean secretSet, Severity minSeverity, List<String> environments, String groupWait,
                          String repeatInterval, boolean enabled, String createdBy, OffsetDateTime createdAt,
                          OffsetDateTime updatedAt) {

    public static ChannelView of(Channel c) {
        ChannelSettings s = c.settings;
        return new ChannelView(c.id, c.name, c.type, originOf(s.url()), lastFour(s.routingKey()), s.to(), s.secret() != null,
                c.minSeverity, List.of(c.environments), c.groupWait().toString(), c.repeatInterval().toString(), c.enabled,
                c.createdBy, c.createdAt, c.updatedAt);
    }

    private static String originOf(String url) {
        if (url == null) {
            return null;
        }
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority() + "/...";
    }

    private static String lastFour(String key) {
        return key == null ? null : "..." + key.substring(Math.max(0, key.length() - 4));
    }
}
