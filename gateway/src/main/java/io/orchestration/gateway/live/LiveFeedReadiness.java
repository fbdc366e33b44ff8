package io.orchestration.gateway.live;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once the event consumer has partitions: a new consumer group starts at the end of
 * each partition when it is assigned, so until then events would be missed, not delayed.
 */
@Readiness
@ApplicationScoped
public class LiveFeedReadiness implements AsyncHealthCheck {

    private static final String NAME = "live-feed";

    private final KafkaClientService kafka;

    public LiveFeedReadiness(KafkaClientService kafka) {
        this.kafka = kafka;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        KafkaConsumer<Object, Object> consumer = kafka.getConsumer("events");
        if (consumer == null) {
            return Uni.createFrom().item(HealthCheckResponse.down(NAME));
        }
        return consumer.getAssignments()
                .map(partitions -> HealthCheckResponse.named(NAME)
                        .status(!partitions.isEmpty())
                        .withData("partitions", partitions.size())
                        .build());
    }
}
