package io.orchestration.monitoring.storage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Rolls raw samples up into per-minute buckets and those into per-hour buckets (min, max, sum,
 * count). A pass recomputes whole buckets from the finer table and overwrites them, so running it
 * again over the same window, or after late samples arrived, gives the same exact aggregates.
 */
@ApplicationScoped
public class Rollups {

    // date_bin's origin: any UTC midnight gives buckets aligned to whole minutes and hours.
    private static final String ORIGIN = "timestamptz '2000-01-01 00:00:00+00'";

    private final Pool pool;
    private final Partitions partitions;

    public Rollups(Pool pool, Partitions partitions) {
        this.pool = pool;
        this.partitions = partitions;
    }

    /** Recomputes the minute buckets within [from, to) (widened to whole minutes) from the raw samples. */
    public Uni<Integer> rollUpMinutes(Instant from, Instant to) {
        return rollUp(Resolution.RAW, Resolution.MINUTE, from.truncatedTo(ChronoUnit.MINUTES), ceil(to, ChronoUnit.MINUTES),
                "min(value), max(value), sum(value), count(*)");
    }

    /** Recomputes the hour buckets within [from, to) (widened to whole hours) from the minute buckets. */
    public Uni<Integer> rollUpHours(Instant from, Instant to) {
        return rollUp(Resolution.MINUTE, Resolution.HOUR, from.truncatedTo(ChronoUnit.HOURS), ceil(to, ChronoUnit.HOURS),
                "min(min), max(max), sum(sum), sum(count)");
    }

    private Uni<Integer> rollUp(Resolution finer, Resolution coarser, Instant from, Instant to, String aggregates) {
        String interval = coarser.bucket().toMinutes() + " minutes";
        String sql = "insert into " + coarser.table() + " (series_id, bucket, min, max, sum, count)"
                + " select series_id, date_bin('" + interval + "', " + finer.timeColumn() + ", " + ORIGIN + ") as b, " + aggregates
                + " from " + finer.table() + " where " + finer.timeColumn() + " >= $1 and " + finer.timeColumn() + " < $2"
                + " group by series_id, b"
                + " on conflict (series_id, bucket) do update set min = excluded.min, max = excluded.max,"
                + " sum = excluded.sum, count = excluded.count";
        return partitions.ensure(coarser, from, to.minusMillis(1))
                .chain(() -> pool.preparedQuery(sql).execute(Tuple.of(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC))))
                .map(result -> result.rowCount());
    }

    private static Instant ceil(Instant at, ChronoUnit unit) {
        Instant floor = at.truncatedTo(unit);
        return floor.equals(at) ? at : floor.plus(1, unit);
    }
}
