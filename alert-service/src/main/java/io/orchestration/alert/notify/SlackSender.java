package io.orchestration.alert.notify;

import io.orchestration.alert.domain.AlertView;
import io.orchestration.alert.domain.Channel;
import io.orchestration.alert.domain.ChannelType;
import io.orchestration.alert.domain.DeliveryKind;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.Map;

/** A Slack incoming webhook: one message with the alert's summary. */
@ApplicationScoped
public class SlackSender implements Sender {

    private final HttpPost post;

    public SlackSender(HttpPost post) {
        this.post = post;
    }

    @Override
    public ChannelType type() {
        return ChannelType.SLACK;
    }

    @Override
    public Uni<Outcome> send(Channel channel, AlertView alert, DeliveryKind kind) {
        String icon = kind == DeliveryKind.RESOLVE ? ":white_check_mark:" : switch (alert.severity()) {
            case ERROR -> ":red_circle:";
            case WARNING -> ":warning:";
            case INFO -> ":information_source:";
        };
        String text = icon + " " + Sender.summary(alert, kind) + " (seen " + alert.count() + "x, source " + alert.source() + ")";
        return post.json(URI.create(channel.settings.url()), new JsonObject().put("text", text).encode(), Map.of());
    }
}
