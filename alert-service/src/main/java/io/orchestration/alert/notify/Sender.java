package io.orchestration.alert.notify;

import io.orchestration.alert.domain.AlertView;
import io.orchestration.alert.domain.Channel;
import io.orchestration.alert.domain.ChannelType;
import io.orchestration.alert.domain.DeliveryKind;
import io.smallrye.mutiny.Uni;

import java.util.Locale;

/** Sends one notification to one kind of channel. Never fails: a receiver's refusal is an {@link Outcome}. */
public interface Sender {

    ChannelType type();

    Uni<Outcome> send(Channel channel, AlertView alert, DeliveryKind kind);

    /** One line for humans: what fires (or resolved), where, and the alert's message. */
    static String summary(AlertView alert, DeliveryKind kind) {
        String state = kind == DeliveryKind.RESOLVE ? "RESOLVED" : alert.severity().id().toUpperCase(Locale.ROOT);
        return "[" + state + "] " + alert.name() + (alert.environment() == null ? "" : " in " + alert.environment())
                + ": " + alert.message();
    }
}
