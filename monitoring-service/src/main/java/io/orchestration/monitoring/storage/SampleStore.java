package io.orchestration.monitoring.storage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes samples in batches: series resolved to their small ids (cached), the time partitions
 * made sure of, then every row of the batch in one INSERT from three arrays (a single statement:
 * all rows land or none do).
 */
@ApplicationScoped
public class SampleStore {

    private final Pool pool;
    private final Partitions partitions;
    private final Map<SeriesKey, Integer> seriesIds = new ConcurrentHashMap<>();

    public SampleStore(Pool pool, Partitions partitions) {
        this.pool = pool;
        this.partitions = partitions;
    }

    public Uni<Integer> write(List<SamplePoint> points) {
        if (points.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Instant earliest = points.stream().map(SamplePoint::at).min(Instant::compareTo).orElseThrow();
        Instant latest = points.stream().map(SamplePoint::at).max(Instant::compareTo).orElseThrow();
        Set<SeriesKey> keys = new LinkedHashSet<>();
        points.forEach(point -> keys.add(point.series()));
        return partitions.ensure(Resolution.RAW, earliest, latest)
                .chain(() -> seriesIds(keys))
                .chain(ids -> {
                    Integer[] series = new Integer[points.size()];
                    OffsetDateTime[] times = new OffsetDateTime[points.size()];
                    Double[] values = new Double[points.size()];
                    for (int i = 0; i < points.size(); i++) {
                        SamplePoint point = points.get(i);
                        series[i] = ids.get(point.series());
                        times[i] = point.at().atOffset(ZoneOffset.UTC);
                        values[i] = point.value();
                    }
                    return pool.preparedQuery("insert into sample (series_id, at, value)"
                                    + " select * from unnest($1::int[], $2::timestamptz[], $3::float8[])")
                            .execute(Tuple.of(series, times, values))
                            .map(result -> result.rowCount());
                });
    }

    /** The id of each series, creating the ones that do not exist yet. */
    public Uni<Map<SeriesKey, Integer>> seriesIds(Collection<SeriesKey> keys) {
        List<SeriesKey> missing = keys.stream().filter(key -> !seriesIds.containsKey(key)).toList();
        if (missing.isEmpty()) {
            return Uni.createFrom().item(seriesIds);
        }
        String[][] columns = new String[4][missing.size()];
        for (int i = 0; i < missing.size(); i++) {
            SeriesKey key = missing.get(i);
            columns[0][i] = key.environment();
            columns[1][i] = key.serviceType();
            columns[2][i] = key.serviceName();
            columns[3][i] = key.metric();
        }
        Tuple arrays = Tuple.of(columns[0], columns[1], columns[2], columns[3]);
        return pool.preparedQuery("insert into series (environment, service_type, service_name, metric)"
                        + " select * from unnest($1::text[], $2::text[], $3::text[], $4::text[]) on conflict do nothing")
                .execute(arrays)
                .chain(() -> pool.preparedQuery("select s.id, s.environment, s.service_type, s.service_name, s.metric from series s"
                                + " join unnest($1::text[], $2::text[], $3::text[], $4::text[]) as k(e, t, n, m)"
                                + " on s.environment = k.e and s.service_type = k.t and s.service_name = k.n and s.metric = k.m")
                        .execute(arrays))
                .map(rows -> {
                    for (Row row : rows) {
                        seriesIds.put(new SeriesKey(row.getString(1), row.getString(2), row.getString(3), row.getString(4)), row.getInteger(0));
                    }
                    return seriesIds;
                });
    }

    /** Forgets cached series ids (after a test or a retention pass deleted series). */
    public void forgetSeries() {
        seriesIds.clear();
    }
}
