package io.orchestration.monitoring.sharding;

import io.orchestration.monitoring.config.MonitoringConfig;
import io.orchestration.monitoring.domain.MonitoredEnvironment;
import io.orchestration.monitoring.domain.Target;
import io.orchestration.monitoring.service.TargetCatalog;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * This replica's place among the replicas of monitoring-service: it joins at start, heart-beats while running and
 * leaves at shutdown; each target is collected by the one live member rendezvous hashing picks.
 */
@ApplicationScoped
public class ReplicaMembership {

    private static final Logger LOG = Logger.getLogger(ReplicaMembership.class);

    /** A replica as the API lists it, with the targets it owns among {@code targets}. */
    public record ReplicaView(String id, OffsetDateTime startedAt, OffsetDateTime heartbeatAt, boolean live, boolean self,
                              int ownedTargets, List<String> targets) {
    }

    /** The membership as {@code answeredBy} sees it: every target of the enabled environments goes to one live replica. */
    public record ReplicasView(String answeredBy, long ttlMillis, int targets, List<ReplicaView> replicas) {
    }

    private final ReplicaMember self;
    private final Pool pool;
    private final Duration ttl;
    private final TargetCatalog catalog;

    public ReplicaMembership(Pool pool, Vertx vertx, TargetCatalog catalog, MonitoringConfig config) {
        this.catalog = catalog;
        MonitoringConfig.ReplicasConfig replicas = config.replicas();
        this.pool = pool;
        this.ttl = replicas.ttl();
        this.self = new ReplicaMember(replicas.id().orElseGet(ReplicaMembership::hostWithSuffix), pool, vertx,
                replicas.heartbeat(), replicas.ttl());
    }

    void join(@Observes StartupEvent start) throws Throwable {
        VertxContextSupport.subscribeAndAwait(self::join);
        LOG.infof("Monitoring replica %s joined; live members %s", self.id(), self.members());
    }

    void leave(@Observes ShutdownEvent stop) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> self.leave().ifNoItem().after(Duration.ofSeconds(5)).fail());
            LOG.infof("Monitoring replica %s left", self.id());
        } catch (Throwable e) {
            LOG.warnf("Monitoring replica %s could not leave cleanly (the others drop it after %s): %s", self.id(), ttl, e.getMessage());
        }
    }

    public String replicaId() {
        return self.id();
    }

    /** Whether this replica collects {@code target}. */
    public boolean owns(Target target) {
        return self.owns(target.key());
    }

    /** The replicas and the targets each owns, for the API. */
    public Uni<ReplicasView> view() {
        return Panache.withSession(() -> MonitoredEnvironment.<MonitoredEnvironment>list("enabled", true))
                .map(environments -> environments.stream().flatMap(environment -> catalog.targetsOf(environment).stream())
                        .map(Target::key).toList())
                .chain(keys -> replicas(keys).map(replicas -> new ReplicasView(self.id(), ttl.toMillis(), keys.size(), replicas)));
    }

    /** Every registered replica, live or not yet pruned, with the targets of {@code targetKeys} each live one owns. */
    Uni<List<ReplicaView>> replicas(Collection<String> targetKeys) {
        return pool.preparedQuery("""
                        select id, started_at, heartbeat_at, heartbeat_at > now() - $1 * interval '1 millisecond' as live
                        from monitoring_replica order by id""")
                .execute(Tuple.of(ttl.toMillis()))
                .map(rows -> {
                    List<Row> registered = new ArrayList<>();
                    rows.forEach(registered::add);
                    List<String> live = registered.stream().filter(row -> row.getBoolean("live")).map(row -> row.getString("id")).toList();
                    Map<String, List<String>> owned = new TreeMap<>();
                    for (String key : targetKeys) {
                        Rendezvous.ownerOf(key, live).ifPresent(owner -> owned.computeIfAbsent(owner, o -> new ArrayList<>()).add(key));
                    }
                    return registered.stream().map(row -> {
                        List<String> targets = owned.getOrDefault(row.getString("id"), List.of()).stream().sorted().toList();
                        return new ReplicaView(row.getString("id"), row.getOffsetDateTime("started_at"), row.getOffsetDateTime("heartbeat_at"),
                                row.getBoolean("live"), row.getString("id").equals(self.id()), targets.size(), targets);
                    }).toList();
                });
    }

    private static String hostWithSuffix() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "monitoring";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
