package io.orchestration.monitoring.sharding;

import io.orchestration.outbox.PeriodicTask;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One replica's membership in the table of replicas: it registers, refreshes its heartbeat every {@code heartbeat}
 * and re-reads the live members (heartbeat younger than {@code ttl}, by the database's clock so replicas' clocks
 * need not agree), and deletes its row when it leaves. It owns a target when rendezvous hashing over the live members
 * picks it; it owns nothing while its own heartbeat is older than the TTL (the others have dropped it by then) and
 * nothing in its first heartbeat interval (until every other member has seen it join), so two replicas never
 * collect the same target at once except for a replica stalled longer than the TTL during its first beat back.
 */
public final class ReplicaMember {

    private static final String BEAT = """
            insert into monitoring_replica (id, started_at, heartbeat_at) values ($1, now(), now())
            on conflict (id) do update set heartbeat_at = now()""";
    private static final String LIVE = "select id from monitoring_replica where heartbeat_at > now() - $1 * interval '1 millisecond' order by id";
    /** Rows of replicas gone for many TTLs are removed so the table lists only recent ones. */
    private static final String PRUNE = "delete from monitoring_replica where heartbeat_at < now() - $1 * interval '1 millisecond'";
    private static final int PRUNE_AFTER_TTLS = 30;

    private final String id;
    private final Pool pool;
    private final Vertx vertx;
    private final Duration heartbeat;
    private final Duration ttl;
    private volatile List<String> members = List.of();
    private volatile long lastBeatNanos;
    private volatile long joinedNanos;
    private volatile boolean joined;
    private PeriodicTask beating;

    public ReplicaMember(String id, Pool pool, Vertx vertx, Duration heartbeat, Duration ttl) {
        if (!heartbeat.minus(ttl).isNegative()) {
            throw new IllegalArgumentException("The replica TTL (" + ttl + ") must be longer than the heartbeat (" + heartbeat + ")");
        }
        this.id = id;
        this.pool = pool;
        this.vertx = vertx;
        this.heartbeat = heartbeat;
        this.ttl = ttl;
    }

    public String id() {
        return id;
    }

    /** Registers this replica, reads the members, and keeps its heartbeat fresh from now on. */
    public Uni<Void> join() {
        return beat().invoke(() -> {
            joinedNanos = System.nanoTime();
            joined = true;
            beating = PeriodicTask.start(vertx, "Replica heartbeat", heartbeat, this::beat);
        });
    }

    /** Refreshes the heartbeat and the view of the live members. */
    public Uni<Void> beat() {
        long started = System.nanoTime();
        return pool.preparedQuery(BEAT).execute(Tuple.of(id))
                .chain(() -> pool.preparedQuery(LIVE).execute(Tuple.of(ttl.toMillis())))
                .invoke(rows -> {
                    List<String> live = new ArrayList<>();
                    for (Row row : rows) {
                        live.add(row.getString("id"));
                    }
                    members = List.copyOf(live);
                    lastBeatNanos = started;
                })
                .chain(() -> pool.preparedQuery(PRUNE).execute(Tuple.of(ttl.toMillis() * PRUNE_AFTER_TTLS)))
                .replaceWithVoid();
    }

    /** Stops refreshing the heartbeat without a word, as a replica that crashed or hangs: the others drop it after the TTL. */
    public void stopHeartbeat() {
        if (beating != null) {
            beating.stop();
        }
    }

    /** Leaves cleanly: no more heartbeats, the row deleted, so the others take its targets at their next heartbeat. */
    public Uni<Void> leave() {
        stopHeartbeat();
        joined = false;
        members = List.of();
        return pool.preparedQuery("delete from monitoring_replica where id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    /** The live members as this replica last read them (empty before it joined or after it left). */
    public List<String> members() {
        return members;
    }

    /** Whether this replica collects the target with this key now. */
    public boolean owns(String targetKey) {
        long now = System.nanoTime();
        if (!joined || now - joinedNanos < heartbeat.toNanos() || now - lastBeatNanos > ttl.toNanos()) {
            return false;
        }
        return Rendezvous.ownerOf(targetKey, members).map(id::equals).orElse(false);
    }
}
