package io.orchestration.alert.repository;

import io.orchestration.alert.domain.Delivery;
import io.orchestration.alert.domain.DeliveryAttempt;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<Delivery, UUID> {

    /** How far back one alert's history on one channel is read to decide the next notification. */
    private static final int HISTORY = 20;

    /** An alert's latest deliveries on a channel, newest first. */
    public Uni<List<Delivery>> recentOf(UUID alertId, UUID channelId) {
        return find("alertId = ?1 and channelId = ?2", Sort.descending("createdAt").and("id", Sort.Direction.Descending),
                alertId, channelId).range(0, HISTORY - 1).list();
    }

    public Uni<List<Delivery>> ofAlert(UUID alertId) {
        return list("alertId", Sort.ascending("createdAt").and("id"), alertId);
    }

    public Uni<List<DeliveryAttempt>> attemptsOf(List<UUID> deliveryIds) {
        return deliveryIds.isEmpty()
                ? Uni.createFrom().item(List.of())
                : DeliveryAttempt.list("deliveryId in ?1", Sort.ascending("id"), deliveryIds);
    }

    /**
     * Triggers of firing, unacknowledged alerts that are due a repeat: sent (or muted by a silence, which may
     * have ended) a repeat interval ago, with nothing scheduled for that alert on that channel since.
     * Locked like {@link #claimDue}.
     */
    public Uni<List<Delivery>> claimDueRepeats(int batch) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "select d.* from delivery d"
                                + " join alert a on a.id = d.alert_id"
                                + " join notification_channel c on c.id = d.channel_id"
                                + " where d.kind = 'trigger' and d.status in ('sent', 'silenced') and a.status = 'firing'"
                                + " and a.acknowledged_by is null and c.enabled"
                                + " and coalesce(d.sent_at, d.due_at) + c.repeat_interval_ms * interval '1 millisecond' <= now()"
                                + " and not exists (select 1 from delivery later where later.alert_id = d.alert_id"
                                + " and later.channel_id = d.channel_id and later.created_at > d.created_at)"
                                + " order by d.due_at limit :batch for update of d skip locked", Delivery.class)
                .setParameter("batch", batch)
                .getResultList());
    }

    /**
     * Claims due deliveries until this transaction ends; SKIP LOCKED lets several replicas dispatch
     * different ones at the same time, never the same one twice.
     */
    public Uni<List<Delivery>> claimDue(int batch) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "select * from delivery where status = 'pending' and due_at <= now()"
                                + " order by due_at, id limit :batch for update skip locked", Delivery.class)
                .setParameter("batch", batch)
                .getResultList());
    }
}
