package io.orchestration.alert.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One notification of an alert on a channel, with every try. */
public record DeliveryView(UUID id, UUID channelId, String channel, ChannelType channelType, DeliveryKind kind,
                           DeliveryStatus status, int attempts, OffsetDateTime createdAt, OffsetDateTime dueAt,
                           OffsetDateTime sentAt, String lastError, List<Try> tries) {

    public record Try(OffsetDateTime at, boolean succeeded, Integer httpStatus, String error) {
    }

    public static DeliveryView of(Delivery d, Channel channel, List<DeliveryAttempt> attempts) {
        return new DeliveryView(d.id, d.channelId, channel.name, channel.type, d.kind, d.status, d.attempts, d.createdAt,
                d.dueAt, d.sentAt, d.lastError,
                attempts.stream().map(a -> new Try(a.at, a.succeeded, a.httpStatus, a.error)).toList());
    }
}
