package io.orchestration.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.OffsetDateTime;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Applies an incoming event at most once per consumer: the event id is recorded in the same
 * transaction as the effect, so a redelivery after a crash or a rebalance changes nothing.
 */
@ApplicationScoped
public class ProcessedEvents {

    /**
     * Runs {@code effect} in a transaction unless {@code consumer} already applied {@code eventId}.
     *
     * @return true when the effect ran, false for a duplicate
     */
    public Uni<Boolean> applyOnce(String consumer, String eventId, Supplier<Uni<?>> effect) {
        return Panache.withTransaction(() -> recordFirstDelivery(consumer, eventId)
                .flatMap(first -> first
                        ? effect.get().replaceWith(Boolean.TRUE)
                        : Uni.createFrom().item(Boolean.FALSE)));
    }

    /**
     * Applies a CloudEvent read from Kafka at most once: {@code effect} gets its type and payload and
     * runs in a transaction unless the event was applied already; the message is acked after, or
     * nacked with the failure.
     */
    public Uni<Void> applyOnce(String consumer, Message<String> message, BiFunction<String, String, Uni<?>> effect) {
        String type = message.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getType).orElse("");
        return applyOnce(consumer, eventIdOf(message), () -> effect.apply(type, message.getPayload()))
                .replaceWithVoid()
                .onItemOrFailure().transformToUni((done, failure) -> Uni.createFrom().completionStage(
                        failure == null ? message.ack() : message.nack(failure)));
    }

    /** The CloudEvent id of a message read from Kafka. */
    public static String eventIdOf(Message<?> message) {
        return message.getMetadata(IncomingCloudEventMetadata.class)
                .map(IncomingCloudEventMetadata::getId)
                .orElseThrow(() -> new IllegalArgumentException("Message is not a CloudEvent: no ce_id header"));
    }

    private static Uni<Boolean> recordFirstDelivery(String consumer, String eventId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "insert into processed_event (consumer, event_id, processed_at) values (:consumer, :id, now())"
                                + " on conflict do nothing")
                .setParameter("consumer", consumer)
                .setParameter("id", eventId)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    static Uni<Integer> forgetBefore(OffsetDateTime before) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "delete from processed_event where processed_at < :before")
                .setParameter("before", before)
                .executeUpdate());
    }
}
