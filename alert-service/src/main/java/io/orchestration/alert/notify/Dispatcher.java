package io.orchestration.alert.notify;

import io.orchestration.alert.config.NotificationConfig;
import io.orchestration.alert.domain.Alert;
import io.orchestration.alert.domain.AlertView;
import io.orchestration.alert.domain.Channel;
import io.orchestration.alert.domain.ChannelType;
import io.orchestration.alert.domain.Delivery;
import io.orchestration.alert.domain.DeliveryAttempt;
import io.orchestration.alert.domain.DeliveryStatus;
import io.orchestration.alert.repository.DeliveryRepository;
import io.orchestration.alert.service.SilenceService;
import io.orchestration.outbox.PeriodicTask;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;

/**
 * Sends due deliveries, each try recorded. A failed try is retried with exponential backoff until
 * maxAttempts; a silenced alert's delivery is marked silenced, not sent. Deliveries are rows, so a
 * receiver that is down, or this service restarting, loses none; a crash between a receiver's answer
 * and the commit sends that one again (at least once).
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final DeliveryRepository deliveries;
    private final Notifications notifications;
    private final SilenceService silences;
    private final NotificationConfig config;
    private final MeterRegistry metrics;
    private final Map<ChannelType, Sender> senders = new EnumMap<>(ChannelType.class);
    private PeriodicTask task;

    public Dispatcher(DeliveryRepository deliveries, Notifications notifications, SilenceService silences, NotificationConfig config,
                      MeterRegistry metrics, Instance<Sender> senders) {
        this.deliveries = deliveries;
        this.notifications = notifications;
        this.silences = silences;
        this.config = config;
        this.metrics = metrics;
        senders.forEach(sender -> this.senders.put(sender.type(), sender));
    }

    void start(@Observes StartupEvent start, Vertx vertx) {
        task = PeriodicTask.start(vertx, "Notification dispatch", config.dispatchInterval(), this::dispatchDue);
    }

    void stop(@Observes ShutdownEvent stop) {
        if (task != null) {
            task.stop();
        }
    }

    Uni<Void> dispatchDue() {
        Context context = Vertx.currentContext();
        return Panache.withTransaction(() -> notifications.scheduleRepeats(config.batchSize()))
                .chain(() -> Panache.withTransaction(() -> deliveries.claimDue(config.batchSize())
                        .chain(due -> Multi.createFrom().iterable(due)
                                .onItem().transformToUniAndConcatenate(delivery -> deliver(delivery, context))
                                .collect().last())
                        .replaceWithVoid()));
    }

    private Uni<Void> deliver(Delivery delivery, Context context) {
        return Alert.<Alert>findById(delivery.alertId).chain(alert -> Channel.<Channel>findById(delivery.channelId)
                .chain(channel -> silences.isMuted(alert).chain(muted -> {
                    if (!channel.enabled) {
                        delivery.status = DeliveryStatus.CANCELLED;
                        delivery.lastError = "the channel was disabled before it was sent";
                        return Uni.createFrom().voidItem();
                    }
                    if (muted) {
                        delivery.status = DeliveryStatus.SILENCED;
                        return Uni.createFrom().voidItem();
                    }
                    Sender sender = senders.get(channel.type);
                    return Uni.createFrom().deferred(() -> sender.send(channel, AlertView.of(alert, false), delivery.kind))
                            .onFailure().recoverWithItem(failure -> Outcome.failed(null, String.valueOf(failure)))
                            // The receiver answers on the HTTP client's thread; the session lives on this context.
                            .emitOn(command -> context.runOnContext(ignored -> command.run()))
                            .chain(outcome -> record(delivery, channel, outcome));
                })));
    }

    private Uni<Void> record(Delivery delivery, Channel channel, Outcome outcome) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        metrics.counter("alert_notification_attempts", "channel_type", channel.type.id(),
                "outcome", outcome.succeeded() ? "sent" : "failed").increment();
        delivery.attempts++;
        DeliveryAttempt attempt = new DeliveryAttempt();
        attempt.deliveryId = delivery.id;
        attempt.at = now;
        attempt.succeeded = outcome.succeeded();
        attempt.httpStatus = outcome.httpStatus();
        attempt.error = outcome.error();
        if (outcome.succeeded()) {
            delivery.status = DeliveryStatus.SENT;
            delivery.sentAt = now;
            delivery.lastError = null;
        } else {
            delivery.lastError = outcome.error();
            if (delivery.attempts >= config.maxAttempts()) {
                delivery.status = DeliveryStatus.FAILED;
                LOG.warnf("Delivery %s gave up after %d attempts: %s", delivery.id, delivery.attempts, outcome.error());
            } else {
                delivery.dueAt = now.plus(backoffAfter(delivery.attempts));
            }
        }
        return attempt.persist().replaceWithVoid();
    }

    /** The wait after the n-th failed try: backoff, doubled for each try after the first, at most maxBackoff. */
    Duration backoffAfter(int attempts) {
        Duration wait = config.backoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }
}
