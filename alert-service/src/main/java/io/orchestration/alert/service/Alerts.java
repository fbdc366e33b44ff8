package io.orchestration.alert.service;

import io.orchestration.alert.domain.Alert;
import io.orchestration.alert.domain.AlertView;
import io.orchestration.alert.domain.Signal;
import io.orchestration.alert.notify.Notifications;
import io.orchestration.alert.repository.AlertRepository;
import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.outbox.Outbox;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

/**
 * What happens to alerts, in the caller's transaction: raising (deduplicated by fingerprint),
 * acknowledging and resolving. Each change is saved and announced through the outbox together.
 */
@ApplicationScoped
public class Alerts {

    private final AlertRepository alerts;
    private final Outbox outbox;
    private final Notifications notifications;
    private final SilenceService silences;

    public Alerts(AlertRepository alerts, Outbox outbox, Notifications notifications, SilenceService silences) {
        this.alerts = alerts;
        this.outbox = outbox;
        this.notifications = notifications;
        this.silences = silences;
    }

    /** An alert after a signal, and whether the signal created it (or counted a repeat). */
    public record Raised(AlertView alert, boolean created) {
    }

    public Uni<Raised> raise(Signal signal) {
        String fingerprint = signal.fingerprint();
        OffsetDateTime now = now();
        return alerts.lockFingerprint(fingerprint)
                .chain(() -> alerts.findByFingerprint(fingerprint))
                .chain(existing -> {
                    if (existing == null) {
                        Alert alert = Alert.firstOf(signal, now);
                        return announce(alert, EventTypes.ALERT_CREATED)
                                .call(() -> notifications.fired(alert))
                                .map(view -> new Raised(view, true));
                    }
                    existing.seenAgain(signal, now);
                    return announce(existing, EventTypes.ALERT_UPDATED)
                            .call(() -> notifications.fired(existing))
                            .map(view -> new Raised(view, false));
                });
    }

    public Uni<AlertView> acknowledge(Alert alert, String by) {
        return alert.acknowledge(by, now())
                ? announce(alert, EventTypes.ALERT_UPDATED)
                : viewOf(alert);
    }

    public Uni<AlertView> resolve(Alert alert, String by) {
        return alert.resolve(by, now())
                ? announce(alert, EventTypes.ALERT_RESOLVED).call(() -> notifications.resolved(alert))
                : viewOf(alert);
    }

    /** Resolves the alert a signal names, if it fires; an alert never raised has nothing to resolve. */
    public Uni<Void> resolve(Signal signal, String by) {
        return alerts.lockFingerprint(signal.fingerprint())
                .chain(() -> alerts.findByFingerprint(signal.fingerprint()))
                .chain(existing -> existing == null ? Uni.createFrom().voidItem() : resolve(existing, by).replaceWithVoid());
    }

    /** Resolves every firing alert of an environment, source and name (whatever the labels). */
    public Uni<Void> resolveAll(String environment, String source, String name, String by) {
        return alerts.findFiring(environment, source, name)
                .chain(firing -> inTurn(firing, alert -> resolve(alert, by)));
    }

    /** One after another: a reactive session does one thing at a time. */
    static <T> Uni<Void> inTurn(List<T> items, Function<T, Uni<?>> step) {
        return Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(step)
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<AlertView> announce(Alert alert, String eventType) {
        return alerts.persistAndFlush(alert)
                .chain(this::viewOf)
                .call(view -> outbox.publish(Topics.ALERT, keyOf(alert), eventType, alert.id.toString(), view));
    }

    /** The alert as shown, with whether a silence mutes it now; in the caller's session. */
    public Uni<AlertView> viewOf(Alert alert) {
        return silences.isMuted(alert).map(muted -> AlertView.of(alert, muted));
    }

    /** Events of one environment stay in order; an alert with no environment is ordered by itself. */
    private static String keyOf(Alert alert) {
        return alert.environment != null ? alert.environment : alert.fingerprint;
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
