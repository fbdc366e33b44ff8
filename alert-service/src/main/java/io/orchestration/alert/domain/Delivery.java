package io.orchestration.alert.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One notification of one alert on one channel, from scheduling to its outcome. */
@Entity
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "alert_id")
    public UUID alertId;

    @Column(name = "channel_id")
    public UUID channelId;

    @Convert(converter = DeliveryKind.Column.class)
    public DeliveryKind kind;

    @Convert(converter = DeliveryStatus.Column.class)
    public DeliveryStatus status;

    public int attempts;

    @Column(name = "due_at")
    public OffsetDateTime dueAt;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "sent_at")
    public OffsetDateTime sentAt;

    @Column(name = "last_error")
    public String lastError;

    @Version
    @Column(name = "row_version")
    public long rowVersion;

    public static Delivery scheduled(Alert alert, Channel channel, DeliveryKind kind, OffsetDateTime dueAt, OffsetDateTime now) {
        Delivery delivery = new Delivery();
        delivery.id = UUID.randomUUID();
        delivery.alertId = alert.id;
        delivery.channelId = channel.id;
        delivery.kind = kind;
        delivery.status = DeliveryStatus.PENDING;
        delivery.dueAt = dueAt;
        delivery.createdAt = now;
        return delivery;
    }
}
