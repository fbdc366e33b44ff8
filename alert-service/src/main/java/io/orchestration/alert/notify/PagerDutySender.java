package io.orchestration.alert.notify;

import io.orchestration.alert.config.NotificationConfig;
import io.orchestration.alert.domain.AlertView;
import io.orchestration.alert.domain.Channel;
import io.orchestration.alert.domain.ChannelType;
import io.orchestration.alert.domain.DeliveryKind;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.Map;

/**
 * PagerDuty Events API v2: trigger and resolve share the alert's fingerprint as dedup_key, so PagerDuty
 * keeps one incident per portal alert and a resolve closes it.
 */
@ApplicationScoped
public class PagerDutySender implements Sender {

    private static final int MAX_SUMMARY = 1024;

    private final HttpPost post;
    private final URI defaultUrl;

    public PagerDutySender(HttpPost post, NotificationConfig config) {
        this.post = post;
        this.defaultUrl = config.pagerdutyUrl();
    }

    @Override
    public ChannelType type() {
        return ChannelType.PAGERDUTY;
    }

    @Override
    public Uni<Outcome> send(Channel channel, AlertView alert, DeliveryKind kind) {
        JsonObject event = new JsonObject()
                .put("routing_key", channel.settings.routingKey())
                .put("event_action", kind == DeliveryKind.RESOLVE ? "resolve" : "trigger")
                .put("dedup_key", alert.fingerprint());
        if (kind == DeliveryKind.TRIGGER) {
            String summary = Sender.summary(alert, kind);
            event.put("payload", new JsonObject()
                            .put("summary", summary.length() > MAX_SUMMARY ? summary.substring(0, MAX_SUMMARY) : summary)
                            .put("source", alert.environment() == null ? "orchestration-portal" : alert.environment())
                            .put("severity", alert.severity().id())
                            .put("timestamp", alert.lastSeen().toString())
                            .put("component", alert.source())
                            .put("group", alert.environment())
                            .put("class", alert.name())
                            .put("custom_details", new JsonObject()
                                    .put("alert_id", alert.id().toString())
                                    .put("count", alert.count())
                                    .put("first_seen", alert.firstSeen().toString())
                                    .put("labels", new JsonObject(Map.copyOf(alert.labels())))))
                    .put("client", "Orchestration Portal");
        }
        URI url = channel.settings.url() == null ? defaultUrl : URI.create(channel.settings.url());
        return post.json(url, event.encode(), Map.of());
    }
}
