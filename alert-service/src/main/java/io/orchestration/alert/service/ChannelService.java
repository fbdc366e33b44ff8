package io.orchestration.alert.service;

import io.orchestration.alert.domain.AlertNotFound;
import io.orchestration.alert.domain.Channel;
import io.orchestration.alert.domain.ChannelNotFound;
import io.orchestration.alert.domain.ChannelRequest;
import io.orchestration.alert.domain.ChannelSettings;
import io.orchestration.alert.domain.ChannelType;
import io.orchestration.alert.domain.ChannelView;
import io.orchestration.alert.domain.DeliveryAttempt;
import io.orchestration.alert.domain.DeliveryView;
import io.orchestration.alert.domain.Severity;
import io.orchestration.alert.repository.AlertRepository;
import io.orchestration.alert.repository.DeliveryRepository;
import io.orchestration.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Notification channels an admin configures, and the deliveries an alert had. */
@ApplicationScoped
public class ChannelService {

    static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
    static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);
    static final Duration MAX_GROUP_WAIT = Duration.ofHours(1);
    static final Duration MAX_REPEAT_INTERVAL = Duration.ofDays(7);

    private final AlertRepository alerts;
    private final DeliveryRepository deliveries;

    public ChannelService(AlertRepository alerts, DeliveryRepository deliveries) {
        this.alerts = alerts;
        this.deliveries = deliveries;
    }

    @WithSession
    public Uni<List<ChannelView>> list() {
        return Channel.<Channel>listAll(Sort.ascending("name")).map(all -> all.stream().map(ChannelView::of).toList());
    }

    @WithSession
    public Uni<ChannelView> get(UUID id) {
        return find(id).map(ChannelView::of);
    }

    @WithTransaction
    public Uni<ChannelView> create(ChannelRequest request, String by) {
        OffsetDateTime now = Alerts.now();
        Channel channel = new Channel();
        channel.id = UUID.randomUUID();
        channel.createdBy = by;
        channel.createdAt = now;
        apply(channel, request, now);
        return Channel.count("name", request.name())
                .invoke(taken -> {
                    if (taken > 0) {
                        throw new ProblemException.Conflict("A notification channel named '" + request.name() + "' already exists");
                    }
                })
                .chain(() -> channel.<Channel>persistAndFlush())
                .map(ChannelView::of);
    }

    @WithTransaction
    public Uni<ChannelView> update(UUID id, ChannelRequest request) {
        return find(id).chain(channel -> Channel.count("name = ?1 and id <> ?2", request.name(), id)
                .invoke(taken -> {
                    if (taken > 0) {
                        throw new ProblemException.Conflict("A notification channel named '" + request.name() + "' already exists");
                    }
                    apply(channel, request, Alerts.now());
                })
                .chain(() -> channel.<Channel>persistAndFlush())
                .map(ChannelView::of));
    }

    /** Removes the channel and its deliveries (the database cascades). */
    @WithTransaction
    public Uni<Void> delete(UUID id) {
        return find(id).chain(Channel::delete);
    }

    @WithSession
    public Uni<List<DeliveryView>> deliveriesOf(UUID alertId) {
        return alerts.findById(alertId).onItem().ifNull().failWith(() -> new AlertNotFound(alertId.toString()))
                .chain(alert -> deliveries.ofAlert(alertId))
                .chain(found -> deliveries.attemptsOf(found.stream().map(d -> d.id).toList())
                        .chain(attempts -> Channel.<Channel>listAll().map(channels -> {
                            Map<UUID, Channel> byId = channels.stream().collect(Collectors.toMap(c -> c.id, Function.identity()));
                            Map<UUID, List<DeliveryAttempt>> triesOf = attempts.stream().collect(Collectors.groupingBy(a -> a.deliveryId));
                            return found.stream()
                                    .map(d -> DeliveryView.of(d, byId.get(d.channelId), triesOf.getOrDefault(d.id, List.of())))
                                    .toList();
                        })));
    }

    private static void apply(Channel channel, ChannelRequest request, OffsetDateTime now) {
        channel.name = request.name();
        channel.type = request.type();
        channel.settings = settingsOf(request);
        channel.minSeverity = request.minSeverity() == null ? Severity.WARNING : request.minSeverity();
        channel.environments = request.environments() == null ? new String[0] : request.environments().toArray(String[]::new);
        channel.groupWaitMs = within("groupWait", request.groupWait(), DEFAULT_GROUP_WAIT, Duration.ZERO, MAX_GROUP_WAIT).toMillis();
        channel.repeatIntervalMs = within("repeatInterval", request.repeatInterval(), DEFAULT_REPEAT_INTERVAL, Duration.ofSeconds(1),
                MAX_REPEAT_INTERVAL).toMillis();
        channel.enabled = request.enabled() == null || request.enabled();
        channel.updatedAt = now;
    }

    /** Only the settings the type uses are kept; a missing one is a 400 naming it. */
    private static ChannelSettings settingsOf(ChannelRequest request) {
        ChannelType type = request.type();
        switch (type) {
            case SLACK:
                return new ChannelSettings(needed(type, "url", request.url()), null, null, null);
            case PAGERDUTY:
                return new ChannelSettings(request.url() == null ? null : url(request.url()),
                        needed(type, "routingKey", request.routingKey()), null, null);
            case EMAIL:
                if (request.to() == null || request.to().isEmpty()) {
                    throw missing(type, "to");
                }
                return new ChannelSettings(null, null, List.copyOf(request.to()), null);
            default:
                return new ChannelSettings(needed(type, "url", request.url()), null, null, needed(type, "secret", request.secret()));
        }
    }

    private static String needed(ChannelType type, String field, String value) {
        if (value == null || value.isBlank()) {
            throw missing(type, field);
        }
        return field.equals("url") ? url(value) : value;
    }

    private static String url(String value) {
        try {
            URI url = new URI(value);
            if (url.getHost() != null) {
                return value;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ProblemException.InvalidInput("Field 'url': '" + value + "' is not a URL with a host");
    }

    private static ProblemException missing(ChannelType type, String field) {
        return new ProblemException.InvalidInput("Field '" + field + "': a " + type.id() + " channel needs one");
    }

    private static Duration within(String field, Duration value, Duration fallback, Duration min, Duration max) {
        if (value == null) {
            return fallback;
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ProblemException.InvalidInput("Field '" + field + "' must be from " + min + " to " + max + ", not " + value);
        }
        return value;
    }

    private Uni<Channel> find(UUID id) {
        return Channel.<Channel>findById(id).onItem().ifNull().failWith(() -> new ChannelNotFound(id.toString()));
    }
}
