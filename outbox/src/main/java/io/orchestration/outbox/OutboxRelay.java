package io.orchestration.outbox;

import io.orchestration.common.events.Topics;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;


import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Sends committed outbox events to Kafka as CloudEvents, oldest first, and marks them published.
 * Rows are claimed with SKIP LOCKED so several replicas can relay without sending an event twice;
 * a failed send stops the pass so later events of the same batch do not overtake it.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final MutinyEmitter<String> kafka;
    private final OutboxConfig config;
    private final URI source;
    private PeriodicTask relay;

    public OutboxRelay(@Channel("outbox") MutinyEmitter<String> kafka, OutboxConfig config,
                       @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.kafka = kafka;
        this.config = config;
        this.source = URI.create("/" + applicationName);
    }

    void startRelaying(@Observes StartupEvent start, Vertx vertx) {
        relay = PeriodicTask.start(vertx, "Outbox relay", config.relay().interval(), this::relayPending);
    }

    void stopRelaying(@Observes ShutdownEvent stop) {
        if (relay != null) {
            relay.stop();
        }
    }

    Uni<Void> relayPending() {
        return Panache.withTransaction(() -> Panache.getSession()
                .flatMap(session -> claimPending(session)
                        .flatMap(events -> sendInOrder(events, 0))));
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldEvents() {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minus(config.retention());
        return Panache.withTransaction(() -> OutboxEvent.delete("publishedAt < ?1", before)
                .flatMap(deleted -> ProcessedEvents.forgetBefore(before))
                .replaceWithVoid());
    }

    private Uni<List<OutboxEvent>> claimPending(Mutiny.Session session) {
        return session.createNativeQuery(
                        "select * from outbox_event where published_at is null"
                                + " order by created_at, id limit :batch for update skip locked", OutboxEvent.class)
                .setParameter("batch", config.relay().batchSize())
                .getResultList();
    }

    private Uni<Void> sendInOrder(List<OutboxEvent> events, int next) {
        if (next >= events.size()) {
            return Uni.createFrom().voidItem();
        }
        OutboxEvent event = events.get(next);
        return kafka.sendMessage(toMessage(event))
                .onItem().invoke(() -> event.publishedAt = OffsetDateTime.now(ZoneOffset.UTC))
                .onItem().transformToUni(sent -> sendInOrder(events, next + 1))
                .onFailure().recoverWithItem(failure -> {
                    event.attempts++;
                    event.lastError = String.valueOf(failure.getMessage());
                    LOG.warnf("Relay of event %s (%s) failed, will retry: %s", event.id, event.type, failure.getMessage());
                    return null;
                });
    }

    private Message<String> toMessage(OutboxEvent event) {
        return Message.of(event.payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(Topics.named(event.topic))
                        .withKey(event.recordKey)
                        .build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(event.id.toString())
                        .withType(event.type)
                        .withSource(source)
                        .withSubject(event.subject)
                        .withTimestamp(event.createdAt.toZonedDateTime())
                        .build());
    }
}
