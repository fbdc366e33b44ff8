package io.orchestration.alert.notify;

import io.orchestration.alert.domain.Alert;
import io.orchestration.alert.domain.Channel;
import io.orchestration.alert.domain.Delivery;
import io.orchestration.alert.domain.DeliveryKind;
import io.orchestration.alert.domain.DeliveryStatus;
import io.orchestration.alert.repository.DeliveryRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Decides, in the transaction of an alert's change, which channels get a notification and when, as
 * Alertmanager does: a new alert waits group_wait (an alert resolved meanwhile notifies nobody); a
 * notified alert is notified again after repeat_interval while it fires (seen again or not), and not
 * at all once acknowledged; a resolution is notified only where the alert was.
 */
@ApplicationScoped
public class Notifications {

    private final DeliveryRepository deliveries;

    public Notifications(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    /** The alert fires: newly, again after resolving, or as a repeat. */
    public Uni<Void> fired(Alert alert) {
        return forEachRoute(alert, (channel, history, now) -> {
            if (history.pendingTrigger() != null) {
                return Uni.createFrom().voidItem();
            }
            Delivery announced = history.announcedTrigger();
            if (announced != null && (alert.acknowledgedBy != null
                    || announced.sentAt.plus(channel.repeatInterval()).isAfter(now))) {
                return Uni.createFrom().voidItem();
            }
            OffsetDateTime due = announced == null ? now.plus(channel.groupWait()) : now;
            return deliveries.persist(Delivery.scheduled(alert, channel, DeliveryKind.TRIGGER, due, now)).replaceWithVoid();
        });
    }

    /** The alert resolved: a trigger still waiting is cancelled; where it was announced, the resolution is sent. */
    public Uni<Void> resolved(Alert alert) {
        return forEachRoute(alert, (channel, history, now) -> {
            Uni<Void> cancel = Uni.createFrom().voidItem();
            Delivery waiting = history.pendingTrigger();
            if (waiting != null) {
                waiting.status = DeliveryStatus.CANCELLED;
                waiting.lastError = "the alert resolved before it was sent";
                cancel = deliveries.persist(waiting).replaceWithVoid();
            }
            return history.announcedTrigger() == null
                    ? cancel
                    : cancel.chain(() -> deliveries.persist(Delivery.scheduled(alert, channel, DeliveryKind.RESOLVE, now, now)))
                            .replaceWithVoid();
        });
    }

    /**
     * Alerts still firing, unacknowledged, whose last notification on a channel is older than its repeat
     * interval are notified again, as Alertmanager repeats a notification while the alert lasts. A muted
     * one is tried again too, so an alert outlasting its silence is notified once the silence ends.
     */
    public Uni<Void> scheduleRepeats(int batch) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return deliveries.claimDueRepeats(batch)
                .chain(due -> Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(last -> Alert.<Alert>findById(last.alertId)
                                .chain(alert -> Channel.<Channel>findById(last.channelId).chain(channel -> channel.routes(alert)
                                        ? deliveries.persist(Delivery.scheduled(alert, channel, DeliveryKind.TRIGGER, now, now)).replaceWithVoid()
                                        : Uni.createFrom().voidItem())))
                        .collect().last())
                .replaceWithVoid();
    }

    private interface Decision {
        Uni<Void> decide(Channel channel, History history, OffsetDateTime now);
    }

    private Uni<Void> forEachRoute(Alert alert, Decision decision) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Channel.<Channel>list("enabled", true)
                .chain(channels -> Multi.createFrom().iterable(channels)
                        .filter(channel -> channel.routes(alert))
                        .onItem().transformToUniAndConcatenate(channel -> deliveries.recentOf(alert.id, channel.id)
                                .chain(recent -> decision.decide(channel, new History(recent), now)))
                        .collect().last())
                .replaceWithVoid();
    }

    /** One alert's recent deliveries on one channel, newest first. */
    private record History(List<Delivery> newestFirst) {

        Delivery pendingTrigger() {
            return newestFirst.stream()
                    .filter(d -> d.kind == DeliveryKind.TRIGGER && d.status == DeliveryStatus.PENDING)
                    .findFirst().orElse(null);
        }

        /** The last trigger sent, unless a resolution was sent (or is on its way) after it. */
        Delivery announcedTrigger() {
            for (Delivery d : newestFirst) {
                if (d.kind == DeliveryKind.RESOLVE && (d.status == DeliveryStatus.SENT || d.status == DeliveryStatus.PENDING)) {
                    return null;
                }
                if (d.kind == DeliveryKind.TRIGGER && d.status == DeliveryStatus.SENT) {
                    return d;
                }
            }
            return null;
        }
    }
}
