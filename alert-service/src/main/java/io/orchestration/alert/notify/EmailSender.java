package io.orchestration.alert.notify;

import io.orchestration.alert.domain.AlertView;
import io.orchestration.alert.domain.Channel;
import io.orchestration.alert.domain.ChannelType;
import io.orchestration.alert.domain.DeliveryKind;
import io.orchestration.alert.config.NotificationConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.TreeMap;

/** Email over SMTP (quarkus-mailer; server and sender set by quarkus.mailer.*), one message to the channel's recipients. */
@ApplicationScoped
public class EmailSender implements Sender {

    private final ReactiveMailer mailer;
    private final NotificationConfig config;

    public EmailSender(ReactiveMailer mailer, NotificationConfig config) {
        this.mailer = mailer;
        this.config = config;
    }

    @Override
    public ChannelType type() {
        return ChannelType.EMAIL;
    }

    @Override
    public Uni<Outcome> send(Channel channel, AlertView alert, DeliveryKind kind) {
        Mail mail = new Mail()
                .setTo(channel.settings.to())
                .setSubject(Sender.summary(alert, kind))
                .setText(bodyOf(alert, kind));
        return mailer.send(mail)
                .ifNoItem().after(config.timeout()).fail()
                .map(sent -> Outcome.sent(null))
                .onFailure().recoverWithItem(failure -> Outcome.failed(null, String.valueOf(failure)));
    }

    static String bodyOf(AlertView alert, DeliveryKind kind) {
        StringBuilder text = new StringBuilder()
                .append(kind == DeliveryKind.RESOLVE ? "Resolved" : "Firing").append(": ").append(alert.name()).append('\n')
                .append("Environment: ").append(alert.environment() == null ? "-" : alert.environment()).append('\n')
                .append("Severity: ").append(alert.severity().id()).append('\n')
                .append("Source: ").append(alert.source()).append('\n')
                .append("Message: ").append(alert.message()).append('\n')
                .append("Seen: ").append(alert.count()).append(" times, first ").append(alert.firstSeen())
                .append(", last ").append(alert.lastSeen()).append('\n');
        Map<String, String> labels = new TreeMap<>(alert.labels());
        labels.forEach((name, value) -> text.append("Label ").append(name).append(": ").append(value).append('\n'));
        return text.append("Alert: /api/alerts/").append(alert.id()).append('\n').toString();
    }
}
